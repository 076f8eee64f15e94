package io.patternhub.support.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

    @Test
    void noProviderMeansNoModel() {
        assertThat(LlmSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, " "))).isEmpty();
    }

    @Test
    void buildsEachProvider() {
        assertThat(LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "anthropic", LlmSettings.MODEL, "claude-x",
                LlmSettings.API_KEY, "k"))).get().isInstanceOf(AnthropicChatModel.class)
                .extracting(ChatModel::describe).isEqualTo("anthropic/claude-x");
        assertThat(LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "ollama", LlmSettings.MODEL, "llama3.1")))
                .get().extracting(ChatModel::describe).asString().contains("localhost:11434");
        assertThat(LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "vllm", LlmSettings.MODEL, "qwen",
                LlmSettings.BASE_URL, "https://gpu-box:8000/v1"))).get().extracting(ChatModel::describe).asString()
                .contains("gpu-box:8000");
        assertThat(LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "OpenAI", LlmSettings.MODEL, "gpt-4o-mini",
                LlmSettings.API_KEY, "sk"))).get().extracting(ChatModel::describe).asString().contains("api.openai.com");
    }

    @Test
    void incompleteSettingsFailWithWhatToSet() {
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "openai", LlmSettings.MODEL, "m")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(LlmSettings.API_KEY);
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "vllm", LlmSettings.MODEL, "m")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(LlmSettings.BASE_URL);
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "gemini")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Unknown");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(LlmSettings.PROVIDER, "anthropic", LlmSettings.API_KEY, "k")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(LlmSettings.MODEL);
    }
}
