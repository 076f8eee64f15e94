package io.patternhub.support.llm;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link ChatModel} from the environment:
 * {@code PATTERNHUB_LLM_PROVIDER} ({@code openai}, {@code anthropic}, or an OpenAI-compatible server:
 * {@code ollama}, {@code vllm}, {@code llamacpp}, {@code openai-compatible}),
 * {@code PATTERNHUB_LLM_BASE_URL}, {@code PATTERNHUB_LLM_MODEL}, {@code PATTERNHUB_LLM_API_KEY}.
 * No provider means no LLM: callers fall back to the offline extractive answerer.
 */
public final class LlmSettings {
    public static final String PROVIDER = "PATTERNHUB_LLM_PROVIDER";
    public static final String BASE_URL = "PATTERNHUB_LLM_BASE_URL";
    public static final String MODEL = "PATTERNHUB_LLM_MODEL";
    public static final String API_KEY = "PATTERNHUB_LLM_API_KEY";

    private LlmSettings() {
    }

    /** The model the process environment configures, if any. */
    public static Optional<ChatModel> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The model {@code env} configures, if any.
     *
     * @throws ConfigurationException when a provider is set but the rest is missing or unknown
     */
    public static Optional<ChatModel> fromEnvironment(Map<String, String> env) {
        String provider = value(env, PROVIDER);
        if (provider == null) {
            return Optional.empty();
        }
        String baseUrl = value(env, BASE_URL);
        String model = value(env, MODEL);
        String key = value(env, API_KEY);
        switch (provider.toLowerCase(Locale.ROOT)) {
            case "anthropic":
                return Optional.of(AnthropicChatModel.builder()
                        .baseUrl(baseUrl != null ? baseUrl : AnthropicChatModel.ANTHROPIC_BASE_URL)
                        .apiKey(key).model(model).build());
            case "openai":
                if (key == null && baseUrl == null) {
                    throw new ConfigurationException("OpenAI needs " + API_KEY + " (or set " + BASE_URL
                            + " for a server without keys)", ErrorContext.empty());
                }
                return Optional.of(openAiCompatible(baseUrl != null ? baseUrl : OpenAiCompatibleChatModel.OPENAI_BASE_URL,
                        key, model));
            case "ollama":
                return Optional.of(openAiCompatible(baseUrl != null ? baseUrl : "http://localhost:11434/v1", key, model));
            case "vllm", "llamacpp", "llama.cpp", "openai-compatible":
                if (baseUrl == null) {
                    throw new ConfigurationException(provider + " needs " + BASE_URL + ", e.g. http://localhost:8000/v1",
                            ErrorContext.empty());
                }
                return Optional.of(openAiCompatible(baseUrl, key, model));
            default:
                throw new ConfigurationException("Unknown " + PROVIDER + " '" + provider
                        + "': use openai, anthropic, ollama, vllm, llamacpp or openai-compatible", ErrorContext.empty());
        }
    }

    private static ChatModel openAiCompatible(String baseUrl, String key, String model) {
        return OpenAiCompatibleChatModel.builder().baseUrl(baseUrl).apiKey(key).model(model).build();
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
