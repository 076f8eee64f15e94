package io.patternhub.hub.store;

import io.patternhub.core.auth.EncryptedFileTokenStore;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.auth.TokenStore;
import io.patternhub.core.auth.internal.TokenJson;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link TokenStore} in the hub's {@code tokens} table, so every hub instance on a shared database
 * sees the same (rotating) tokens. Each token is sealed with AES-256-GCM under a 32-byte key the user
 * supplies (as for {@link EncryptedFileTokenStore}): a fresh random 96-bit IV per write, and the
 * connection id authenticated with it, so a sealed value copied to another connection's row is refused.
 * The table never holds a token in plaintext. A wrong key or a changed byte gives a
 * {@link ConfigurationException}, never a garbage token. Thread-safe; {@link #save} is durable when it
 * returns (the row is committed).
 *
 * <pre>{@code
 * TokenStore tokens = StoreTokenStore.create(store, keyFromSecretsManager);
 * }</pre>
 */
public final class StoreTokenStore implements TokenStore {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final HubStore store;
    private final SecretKeySpec key;
    private final SecureRandom random;
    private final TokenJson json = new TokenJson(PatternHubJson.newMapper());

    private StoreTokenStore(HubStore store, byte[] key, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new ConfigurationException("StoreTokenStore: the key must be 32 bytes (AES-256), was " + key.length,
                    ErrorContext.empty());
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param store the hub store
     * @param key   a raw AES-256 key, exactly 32 bytes (copied)
     * @return the token store
     * @throws ConfigurationException if the key is not 32 bytes
     */
    public static StoreTokenStore create(HubStore store, byte[] key) {
        return new StoreTokenStore(store, key, new SecureRandom());
    }

    @Override
    public Optional<OAuthToken> load(String connectionId) {
        requireId(connectionId);
        Optional<String> sealed = store.inTransaction(tx -> tx.queryOne(
                "SELECT sealed FROM tokens WHERE connection_id = ?", rs -> rs.getString(1), connectionId));
        return sealed.map(s -> open(connectionId, s));
    }

    @Override
    public void save(String connectionId, OAuthToken token) {
        requireId(connectionId);
        Objects.requireNonNull(token, "token");
        String sealed = seal(connectionId, json.write(token));
        store.inTransaction(tx -> tx.update("INSERT INTO tokens (connection_id, sealed, updated_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (connection_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
                connectionId, sealed, tx.now().toEpochMilli()));
    }

    @Override
    public void delete(String connectionId) {
        requireId(connectionId);
        store.inTransaction(tx -> tx.update("DELETE FROM tokens WHERE connection_id = ?", connectionId));
    }

    private String seal(String connectionId, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(connectionId));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private OAuthToken open(String connectionId, String sealed) {
        byte[] bytes;
        try {
            if (!sealed.startsWith(PREFIX)) {
                throw new IllegalArgumentException("unknown format");
            }
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw mismatch(connectionId, e);
        }
        if (bytes.length <= IV_BYTES + TAG_BITS / 8) {
            throw mismatch(connectionId, null);
        }
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(aad(connectionId));
            plaintext = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return json.read(plaintext);
        } catch (AEADBadTagException e) {
            throw mismatch(connectionId, e);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new ConfigurationException("the token of connection " + connectionId + " decrypted but is not a"
                    + " readable token; delete it and reconnect the seller", ErrorContext.empty(), e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static byte[] aad(String connectionId) {
        return ("patternhub-token.v1:" + connectionId).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireId(String connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        if (connectionId.isEmpty()) {
            throw new ConfigurationException("StoreTokenStore: connection id is empty", ErrorContext.empty());
        }
    }

    private static ConfigurationException mismatch(String connectionId, Throwable cause) {
        return new ConfigurationException("token store key does not match the key that sealed the token of connection "
                + connectionId + ", or the stored value was modified; use the original key, or delete the token and"
                + " reconnect the seller", ErrorContext.empty(), cause);
    }

    @Override
    public String toString() {
        return "StoreTokenStore{" + store.vendor() + "}";
    }
}
