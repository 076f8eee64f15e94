package io.patternhub.examples.cli;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.examples.cli.config.Settings;
import io.patternhub.examples.cli.config.SettingsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void nestedYamlKeysBecomeEnvironmentNamesAndTheEnvironmentWins() throws Exception {
        Files.writeString(dir.resolve("patternhub.yaml"), """
                db: ./from-file.db
                etsy:
                  api_key: "file-key:file-secret"
                  shop_id: 111
                PATTERNHUB_RAVELRY_STORE_ID: 42
                """);
        Settings s = SettingsFile.load(Map.of("PATTERNHUB_ETSY_SHOP_ID", "222", "HOME", "/root"), dir);

        assertThat(s.get("PATTERNHUB_DB")).contains("./from-file.db");
        assertThat(s.get("PATTERNHUB_ETSY_API_KEY")).contains("file-key:file-secret");
        assertThat(s.get("PATTERNHUB_ETSY_SHOP_ID")).contains("222");
        assertThat(s.origin("PATTERNHUB_ETSY_SHOP_ID")).contains("environment");
        assertThat(s.origin("PATTERNHUB_ETSY_API_KEY")).contains("patternhub.yaml");
        assertThat(s.get("PATTERNHUB_RAVELRY_STORE_ID")).contains("42");
        assertThat(s.names()).doesNotContain("HOME");
    }

    @Test
    void blankEnvironmentValuesDoNotHideTheFile() throws Exception {
        Files.writeString(dir.resolve("patternhub.yaml"), "db: ./a.db\n");
        assertThat(SettingsFile.load(Map.of("PATTERNHUB_DB", " "), dir).get("PATTERNHUB_DB")).contains("./a.db");
    }

    @Test
    void patternhubConfigNamesAnotherFileAndAMissingOneIsAnError() throws Exception {
        Files.writeString(dir.resolve("shop.yaml"), "secret_key: abc\n");
        assertThat(SettingsFile.load(Map.of("PATTERNHUB_CONFIG", "shop.yaml"), dir).get("PATTERNHUB_SECRET_KEY"))
                .contains("abc");
        assertThatThrownBy(() -> SettingsFile.load(Map.of("PATTERNHUB_CONFIG", "nope.yaml"), dir))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void listsAndBrokenYamlAreRefusedWithTheFileName() throws Exception {
        Path f = dir.resolve("patternhub.yaml");
        Files.writeString(f, "etsy:\n  api_key: [a, b]\n");
        assertThatThrownBy(() -> SettingsFile.load(Map.of(), dir)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("api_key").hasMessageContaining("single value");
        Files.writeString(f, "etsy: [\n");
        assertThatThrownBy(() -> SettingsFile.load(Map.of(), dir)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void numbersAreCheckedWithTheSettingName() {
        Settings s = Settings.ofEnvironment(Map.of("PATTERNHUB_ETSY_SHOP_ID", "12x"));
        assertThatThrownBy(() -> s.getLong("PATTERNHUB_ETSY_SHOP_ID")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PATTERNHUB_ETSY_SHOP_ID must be a whole number");
    }
}
