package io.patternhub.examples.cli.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.auth.TokenStore;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.hub.store.HubStore;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * OAuth tokens in the hub's {@code tokens} table, sealed with AES-256-GCM (random 96-bit nonce per
 * write, the connection id as associated data so a sealed token cannot be moved to another
 * connection). The key is {@code PATTERNHUB_SECRET_KEY}: 32 bytes, Base64-encoded. Thread-safe; a
 * save is committed before it returns.
 */
public final class HubTokenStore implements TokenStore {
    private static final int NONCE_BYTES = 12;
    private static final String SEED_SUFFIX = "#seed";

    private final HubStore store;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = PatternHubJson.newMapper();

    /**
     * @param store the hub store
     * @param key   the 32-byte AES key
     */
    public HubTokenStore(HubStore store, byte[] key) {
        this.store = Objects.requireNonNull(store, "store");
        if (key == null || key.length != 32) {
            throw new ConfigurationException("The token key must be 32 bytes", ErrorContext.empty());
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * Decodes {@code PATTERNHUB_SECRET_KEY}.
     *
     * @param base64 the setting's value
     * @return the 32 key bytes
     * @throws ConfigurationException if it is not Base64 of 32 bytes
     */
    public static byte[] decodeKey(String base64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            k = new byte[0];
        }
        if (k.length != 32) {
            throw new ConfigurationException("PATTERNHUB_SECRET_KEY must be 32 random bytes in Base64"
                    + " (create one with: openssl rand -base64 32)", ErrorContext.empty());
        }
        return k;
    }

    @Override
    public Optional<OAuthToken> load(String connectionId) {
        return read(connectionId).map(this::fromJson);
    }

    @Override
    public void save(String connectionId, OAuthToken token) {
        write(connectionId, toJson(token));
    }

    @Override
    public void delete(String connectionId) {
        store.inTransaction(tx -> tx.update("DELETE FROM tokens WHERE connection_id = ? OR connection_id = ?",
                connectionId, connectionId + SEED_SUFFIX));
    }

    /**
     * Stores the token given in the settings, unless it was stored before: platforms rotate refresh
     * tokens, so once the tool has refreshed, the stored token is newer than the one in the settings
     * and must win until the seller puts a different token in the settings.
     *
     * @param connectionId the connection
     * @param configured   the token from the settings
     * @return whether the configured token was (re)stored
     */
    public boolean seed(String connectionId, OAuthToken configured) {
        String fingerprint = fingerprint(configured);
        if (read(connectionId + SEED_SUFFIX).filter(fingerprint::equals).isPresent() && read(connectionId).isPresent()) {
            return false;
        }
        save(connectionId, configured);
        write(connectionId + SEED_SUFFIX, fingerprint);
        return true;
    }

    private Optional<String> read(String id) {
        Optional<String> sealed = store.inTransaction(tx -> tx.queryOne("SELECT sealed FROM tokens WHERE connection_id = ?",
                rs -> rs.getString(1), id));
        return sealed.map(s -> open(id, s));
    }

    private void write(String id, String plain) {
        String sealed = seal(id, plain);
        store.inTransaction(tx -> {
            int n = tx.update("UPDATE tokens SET sealed = ?, updated_at = ? WHERE connection_id = ?", sealed, tx.now(), id);
            if (n == 0) {
                tx.update("INSERT INTO tokens (connection_id, sealed, updated_at) VALUES (?, ?, ?)", id, sealed, tx.now());
            }
            return null;
        });
    }

    private String seal(String id, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private String open(String id, String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("The stored token for '" + id + "' cannot be decrypted: PATTERNHUB_SECRET_KEY"
                    + " differs from the key it was saved with; restore that key or reconnect the account",
                    ErrorContext.empty(), e);
        }
    }

    private static String fingerprint(OAuthToken t) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(t.accessToken().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(t.refreshToken().orElse("").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(OAuthToken t) {
        ObjectNode n = json.createObjectNode();
        n.put("access_token", t.accessToken());
        t.refreshToken().ifPresent(r -> n.put("refresh_token", r));
        n.put("token_type", t.tokenType());
        t.expiresAt().ifPresent(e -> n.put("expires_at", e.toString()));
        ArrayNode scopes = n.putArray("scopes");
        t.scopes().forEach(scopes::add);
        ObjectNode extra = n.putObject("additional");
        t.additionalParameters().forEach(extra::put);
        return n.toString();
    }

    private OAuthToken fromJson(String s) {
        try {
            ObjectNode n = (ObjectNode) json.readTree(s);
            OAuthToken.Builder b = OAuthToken.builder().accessToken(n.path("access_token").asText())
                    .tokenType(n.path("token_type").asText("Bearer"));
            if (n.hasNonNull("refresh_token")) {
                b.refreshToken(n.get("refresh_token").asText());
            }
            if (n.hasNonNull("expires_at")) {
                b.expiresAt(Instant.parse(n.get("expires_at").asText()));
            }
            List<String> scopes = new ArrayList<>();
            n.path("scopes").forEach(x -> scopes.add(x.asText()));
            b.scopes(scopes);
            java.util.Map<String, String> extra = new java.util.LinkedHashMap<>();
            n.path("additional").fields().forEachRemaining(e -> extra.put(e.getKey(), e.getValue().asText()));
            b.additionalParameters(extra);
            return b.build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored token is not readable JSON", e);
        }
    }
}
