package io.patternhub.accounting.reconcile;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.ValidationError;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads account and tax mappings from a properties file, the format the command line uses:
 *
 * <pre>
 * # account.&lt;channel|*&gt;.&lt;role&gt; = ledger account code
 * account.*.bank              = 090
 * account.*.rounding          = 860
 * account.etsy.sales          = 200
 * account.etsy.fee.transaction = 404
 * # tax.&lt;channel|*&gt;.&lt;buyer country|*&gt;.&lt;tax class|*&gt; = ledger tax code
 * tax.etsy.*.*                = NONE
 * tax.shopify.DE.digital      = OSS-DE
 * </pre>
 *
 * Channels are {@link Platform} names in lower case ({@code etsy}, {@code shopify}, {@code woocommerce},
 * {@code ravelry}, {@code csv}); roles are {@link AccountRole#key()}s. Every bad line is reported at once.
 *
 * @param accounts the account mapping
 * @param taxes    the tax mapping
 */
public record MappingFile(AccountMapping accounts, TaxMapping taxes) {

    /**
     * Parses a mapping file.
     *
     * @param reader the file's text
     * @return the mappings
     * @throws ConfigurationException listing every key that could not be understood
     */
    public static MappingFile load(Reader reader) {
        Properties props = new Properties();
        try {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("could not read the mapping file: " + e.getMessage(),
                    ErrorContext.empty(), e);
        }
        return parse(props);
    }

    /**
     * Builds mappings from properties.
     *
     * @param props keys and codes as in the class description
     * @return the mappings
     * @throws ConfigurationException listing every key that could not be understood
     */
    public static MappingFile parse(Properties props) {
        AccountMapping.Builder accounts = AccountMapping.builder();
        TaxMapping.Builder taxes = TaxMapping.builder();
        List<ValidationError> errors = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(props.stringPropertyNames())) {
            String value = props.getProperty(key).trim();
            try {
                String[] parts = key.trim().split("\\.", 3);
                if (parts.length == 3 && parts[0].equals("account")) {
                    Platform channel = channel(parts[1]);
                    AccountRole role = AccountRole.fromKey(parts[2]);
                    if (channel == null) {
                        accounts.account(role, value);
                    } else {
                        accounts.account(channel, role, value);
                    }
                } else if (parts.length == 3 && parts[0].equals("tax")) {
                    String[] rest = parts[2].split("\\.", 2);
                    if (rest.length != 2) {
                        throw bad("a tax key is tax.<channel|*>.<country|*>.<class|*>");
                    }
                    taxes.rule(channel(parts[1]), any(rest[0]), any(rest[1]), value);
                } else {
                    throw bad("keys start with account.<channel|*>. or tax.<channel|*>.");
                }
            } catch (ConfigurationException e) {
                errors.add(new ValidationError(key, "invalid", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder("the mapping file has " + errors.size() + " bad line(s):");
            errors.forEach(e -> sb.append("\n  ").append(e.field()).append(": ").append(e.message()));
            throw new ConfigurationException(sb.toString(), ErrorContext.builder().validationErrors(errors).build());
        }
        return new MappingFile(accounts.build(), taxes.build());
    }

    private static Platform channel(String key) {
        if (key.equals("*")) {
            return null;
        }
        try {
            Platform p = Platform.valueOf(key.toUpperCase(Locale.ROOT));
            if (p.kind() == Platform.Kind.STOREFRONT) {
                return p;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw bad("unknown channel '" + key + "'; use etsy, shopify, woocommerce, ravelry, csv or *");
    }

    private static String any(String part) {
        return part.equals("*") ? null : part;
    }

    private static ConfigurationException bad(String message) {
        return new ConfigurationException(message, ErrorContext.empty());
    }
}
