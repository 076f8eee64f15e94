package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileTokenStoreTest {
    private static final String ACCESS = "eyJhbGciOiJSUzI1NiJ9.access-token-value-123";
    private static final String REFRESH = "refresh-token-value-456";

    @TempDir
    Path dir;

    private final byte[] key = randomKey();

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private static OAuthToken token(String access, String refresh) {
        return OAuthToken.builder().accessToken(access).refreshToken(refresh).tokenType("Bearer")
                .expiresAt(Instant.parse("2025-06-01T12:00:00Z")).scopes(List.of("listings_r", "listings_w"))
                .additionalParameters(Map.of("x_refresh_token_expires_in", "8726400")).build();
    }

    private EncryptedFileTokenStore rawStore(byte[] k) {
        return EncryptedFileTokenStore.builder().directory(dir).key(k).build();
    }

    private EncryptedFileTokenStore passphraseStore(String passphrase) {
        return EncryptedFileTokenStore.builder().directory(dir).passphrase(passphrase.toCharArray())
                .pbkdf2Iterations(10_000).build();
    }

    private Path onlyFile() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void fileHoldsNoTokenInPlaintextOrBase64AndReloadsWithTheRightKey() throws Exception {
        rawStore(key).save("etsy:shop-1", token(ACCESS, REFRESH));

        byte[] bytes = Files.readAllBytes(onlyFile());
        String asText = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String secret : List.of(ACCESS, REFRESH)) {
            byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
            assertThat(asText).doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(raw))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))
                    .doesNotContain(secret.substring(0, 12));
        }
        assertThat(asText).doesNotContain("access_token").doesNotContain("listings_r");

        assertThat(rawStore(key).load("etsy:shop-1")).contains(token(ACCESS, REFRESH));
        assertThat(rawStore(key).load("etsy:other")).isEmpty();
    }

    @Test
    void everyWriteUsesAFreshIv() throws Exception {
        EncryptedFileTokenStore store = rawStore(key);
        store.save("c", token(ACCESS, REFRESH));
        byte[] first = Files.readAllBytes(onlyFile());
        store.save("c", token(ACCESS, REFRESH));
        byte[] second = Files.readAllBytes(onlyFile());

        assertThat(second).hasSameSizeAs(first).isNotEqualTo(first);
    }

    @Test
    void wrongRawKeyIsAClearError() {
        rawStore(key).save("c", token(ACCESS, REFRESH));

        assertThatThrownBy(() -> rawStore(randomKey()).load("c"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("token store key does not match");
    }

    @Test
    void passphraseStoreReloadsAndRejectsAWrongPassphraseOrARawKey() {
        passphraseStore("correct horse battery staple").save("c", token(ACCESS, REFRESH));

        assertThat(passphraseStore("correct horse battery staple").load("c")).contains(token(ACCESS, REFRESH));
        assertThatThrownBy(() -> passphraseStore("wrong horse").load("c"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("token store key does not match");
        assertThatThrownBy(() -> rawStore(key).load("c"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("token store key does not match");
    }

    @Test
    void passphraseFilesGetTheirOwnSalt() throws Exception {
        EncryptedFileTokenStore store = passphraseStore("pass");
        store.save("a", token(ACCESS, REFRESH));
        store.save("b", token(ACCESS, REFRESH));
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                files.add(Files.readAllBytes(p));
            }
        }
        // Salt sits after magic(4), version(1), kdf(1), iterations(4), salt length(1).
        byte[] saltA = java.util.Arrays.copyOfRange(files.get(0), 11, 27);
        byte[] saltB = java.util.Arrays.copyOfRange(files.get(1), 11, 27);
        assertThat(saltA).isNotEqualTo(saltB);
        assertThat(passphraseStore("pass").load("a")).contains(token(ACCESS, REFRESH));
    }

    @Test
    void anyChangedByteIsDetected() throws Exception {
        rawStore(key).save("c", token(ACCESS, REFRESH));
        Path file = onlyFile();
        byte[] original = Files.readAllBytes(file);
        EncryptedFileTokenStore store = rawStore(key);

        for (int i = 0; i < original.length; i++) {
            byte[] tampered = original.clone();
            tampered[i] ^= 0x01;
            Files.write(file, tampered);
            int position = i;
            assertThatThrownBy(() -> store.load("c")).as("byte %d", position)
                    .isInstanceOf(ConfigurationException.class);
        }
        Files.write(file, java.util.Arrays.copyOf(original, original.length - 1));
        assertThatThrownBy(() -> store.load("c")).isInstanceOf(ConfigurationException.class);
        Files.write(file, original);
        assertThat(store.load("c")).contains(token(ACCESS, REFRESH));
    }

    @Test
    void aFileCopiedToAnotherConnectionIsRejected() throws Exception {
        EncryptedFileTokenStore store = rawStore(key);
        store.save("shop-a", token(ACCESS, REFRESH));
        Path a = onlyFile();
        store.save("shop-b", token("other-access", "other-refresh"));
        Path b;
        try (Stream<Path> files = Files.list(dir)) {
            b = files.filter(p -> !p.equals(a)).findFirst().orElseThrow();
        }
        Files.copy(a, b, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> store.load("shop-b")).isInstanceOf(ConfigurationException.class);
        assertThat(store.load("shop-a")).contains(token(ACCESS, REFRESH));
    }

    @Test
    void concurrentSavesLeaveAReadableFileAndNoTemporaryFiles() throws Exception {
        EncryptedFileTokenStore first = rawStore(key);
        EncryptedFileTokenStore second = rawStore(key); // two instances: only the atomic move protects the file
        int threads = 8;
        int writesEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                EncryptedFileTokenStore store = t % 2 == 0 ? first : second;
                results.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < writesEach; i++) {
                        store.save("c", token("access-" + thread + "-" + i, "refresh-" + thread + "-" + i));
                        assertThat(store.load("c")).isPresent();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        OAuthToken last = rawStore(key).load("c").orElseThrow();
        assertThat(last.accessToken()).matches("access-\\d-\\d+");
        assertThat(last.refreshToken().orElseThrow()).isEqualTo(last.accessToken().replace("access", "refresh"));
        onlyFile();
    }

    @Test
    void deleteForgetsTheToken() {
        EncryptedFileTokenStore store = rawStore(key);
        store.save("c", token(ACCESS, REFRESH));
        store.delete("c");
        store.delete("c");

        assertThat(store.load("c")).isEmpty();
    }

    @Test
    void badKeysAreConfigurationErrors() {
        assertThatThrownBy(() -> EncryptedFileTokenStore.builder().key(new byte[16]))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> EncryptedFileTokenStore.builder().passphrase(new char[0]))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> EncryptedFileTokenStore.builder().directory(dir).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> EncryptedFileTokenStore.builder().pbkdf2Iterations(1000))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void worksAsTheStoreOfAnAuthScheme() {
        EncryptedFileTokenStore store = rawStore(key);
        store.save("c", token(ACCESS, REFRESH).toBuilder().expiresAt(null).build());
        OAuth2AuthScheme scheme = OAuth2AuthScheme.builder(OAuth2Client.builder(OAuth2Config.builder()
                .tokenEndpoint("https://openapi.etsy.com/v3/public/oauth/token").clientId("k").build()).build())
                .tokenStore(store).connectionId("c").build();
        okhttp3.Request.Builder request = new okhttp3.Request.Builder().url("https://openapi.etsy.com/v3/application/x");

        scheme.authorize(request);

        assertThat(request.build().header("Authorization")).isEqualTo("Bearer " + ACCESS);
    }
}
