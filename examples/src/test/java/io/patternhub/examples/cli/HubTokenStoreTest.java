package io.patternhub.examples.cli;

import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.examples.cli.connect.HubTokenStore;
import io.patternhub.hub.store.HubStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubTokenStoreTest {
    @TempDir
    Path dir;

    private static byte[] key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    @Test
    void tokensAreSealedAndComeBackWhole() {
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            HubTokenStore tokens = new HubTokenStore(store, key(1));
            OAuthToken t = OAuthToken.builder().accessToken("acc-123").refreshToken("ref-456").tokenType("Bearer")
                    .expiresAt(Instant.parse("2026-05-01T10:00:00Z")).scopes(List.of("listings_r")).build();
            tokens.save("etsy-1", t);

            assertThat(tokens.load("etsy-1")).contains(t);
            String sealed = store.inTransaction(tx -> tx.queryOne("SELECT sealed FROM tokens WHERE connection_id = ?",
                    rs -> rs.getString(1), "etsy-1")).orElseThrow();
            assertThat(sealed).doesNotContain("acc-123").doesNotContain("ref-456");

            assertThatThrownBy(() -> new HubTokenStore(store, key(2)).load("etsy-1"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("PATTERNHUB_SECRET_KEY");
            tokens.delete("etsy-1");
            assertThat(tokens.load("etsy-1")).isEmpty();
        }
    }

    @Test
    void aSeededTokenDoesNotOverwriteARotatedOneUntilTheSettingsChange() {
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            HubTokenStore tokens = new HubTokenStore(store, key(1));
            OAuthToken configured = OAuthToken.builder().accessToken("a1").refreshToken("r1").build();
            assertThat(tokens.seed("c", configured)).isTrue();
            OAuthToken rotated = OAuthToken.builder().accessToken("a2").refreshToken("r2").build();
            tokens.save("c", rotated);                      // what a refresh does

            assertThat(tokens.seed("c", configured)).isFalse();
            assertThat(tokens.load("c")).contains(rotated);

            OAuthToken reconnected = OAuthToken.builder().accessToken("a3").refreshToken("r3").build();
            assertThat(tokens.seed("c", reconnected)).isTrue();
            assertThat(tokens.load("c")).contains(reconnected);
        }
    }

    @Test
    void theKeyMustBe32BytesOfBase64() {
        assertThat(HubTokenStore.decodeKey(Base64.getEncoder().encodeToString(key(3)))).isEqualTo(key(3));
        assertThatThrownBy(() -> HubTokenStore.decodeKey("c2hvcnQ=")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> HubTokenStore.decodeKey("not base64!")).isInstanceOf(ConfigurationException.class);
    }
}
