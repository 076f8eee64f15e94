package io.patternhub.core.error;

/**
 * PatternHub was set up in a way that cannot work: missing credentials, an unmapped ledger account, an unsafe base URL. The message says what to set.
 */
public class ConfigurationException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message, ErrorContext context) {
        super(message, context);
    }

    public ConfigurationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
