package io.patternhub.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreTokenStoreTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static OAuthToken token(String access, String refresh) {
        return OAuthToken.builder().accessToken(access).refreshToken(refresh).tokenType("Bearer")
                .expiresAt(NOW.plusSeconds(3600)).scopes(List.of("listings_w", "transactions_r")).build();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void roundTripsAndRotatesWithNoPlaintextInTheTable(Vendor vendor) throws SQLException {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(NOW))) {
            StoreTokenStore tokens = StoreTokenStore.create(store, KEY);
            assertThat(tokens.load("etsy-main")).isEmpty();
            OAuthToken first = token("access-SECRET-one", "refresh-SECRET-one");
            tokens.save("etsy-main", first);
            assertThat(tokens.load("etsy-main")).contains(first);

            OAuthToken rotated = token("access-SECRET-two", "refresh-SECRET-two");
            tokens.save("etsy-main", rotated);
            tokens.save("shop", token("shpat-SECRET-three", "shprt-SECRET-three"));
            assertThat(tokens.load("etsy-main")).contains(rotated);
            // a second hub instance with the same key reads the same tokens
            assertThat(StoreTokenStore.create(TestStores.sameDatabase(store, ManualClock.at(NOW)), KEY).load("shop"))
                    .map(OAuthToken::accessToken).contains("shpat-SECRET-three");

            byte[] table = tableBytes(store);
            assertThat(table.length).isGreaterThan(100);
            for (String secret : List.of("access-SECRET-one", "refresh-SECRET-one", "access-SECRET-two",
                    "refresh-SECRET-two", "shpat-SECRET-three", "shprt-SECRET-three", "SECRET", "listings_w", "Bearer")) {
                assertThat(indexOf(table, secret.getBytes(StandardCharsets.UTF_8))).as(secret).isEqualTo(-1);
            }

            tokens.delete("etsy-main");
            assertThat(tokens.load("etsy-main")).isEmpty();
            assertThat(tokens.load("shop")).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aWrongKeyAMovedRowOrAChangedByteIsRefused(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(NOW))) {
            StoreTokenStore tokens = StoreTokenStore.create(store, KEY);
            tokens.save("a", token("access-a", "refresh-a"));
            tokens.save("b", token("access-b", "refresh-b"));

            byte[] otherKey = KEY.clone();
            otherKey[0] ^= 1;
            assertThatThrownBy(() -> StoreTokenStore.create(store, otherKey).load("a"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("key does not match");

            // b's sealed value copied onto a's row: authenticated to b, so a refuses it
            store.inTransaction(tx -> tx.update("UPDATE tokens SET sealed = (SELECT sealed FROM tokens WHERE"
                    + " connection_id = 'b') WHERE connection_id = 'a'"));
            assertThatThrownBy(() -> tokens.load("a")).isInstanceOf(ConfigurationException.class);

            String sealed = store.inTransaction(tx -> tx.queryOne("SELECT sealed FROM tokens WHERE connection_id = 'b'",
                    rs -> rs.getString(1))).orElseThrow();
            char last = sealed.charAt(sealed.length() - 3);
            String changed = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
            store.inTransaction(tx -> tx.update("UPDATE tokens SET sealed = ? WHERE connection_id = 'b'", changed));
            assertThatThrownBy(() -> tokens.load("b")).isInstanceOf(ConfigurationException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aKeyOfTheWrongLengthIsAConfigurationError(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(NOW))) {
            assertThatThrownBy(() -> StoreTokenStore.create(store, new byte[16]))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("32 bytes");
        }
    }

    /** Every column of every row of the tokens table, as bytes. */
    private static byte[] tableBytes(HubStore store) throws SQLException {
        List<byte[]> parts = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM tokens")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    byte[] b = rs.getBytes(i);
                    if (b != null) {
                        parts.add(b);
                    }
                    String text = rs.getString(i);
                    if (text != null) {
                        parts.add(text.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        int size = parts.stream().mapToInt(b -> b.length + 1).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length + 1;
        }
        return all;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return Arrays.equals(needle, new byte[0]) ? 0 : -1;
    }
}
