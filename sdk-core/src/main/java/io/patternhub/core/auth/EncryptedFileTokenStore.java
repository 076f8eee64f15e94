package io.patternhub.core.auth;

import io.patternhub.core.auth.internal.TokenJson;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link TokenStore} that keeps each connection's token in its own file, encrypted with AES-256-GCM
 * under a key the user supplies: 32 raw bytes, or a passphrase stretched with PBKDF2-HMAC-SHA256 and a
 * random salt per file. Thread-safe. Build with {@link #builder()}.
 *
 * <ul>
 *   <li>Every write uses a fresh random 96-bit IV and is atomic (temporary file, flushed to disk, then
 *       moved over the old file), so a crash leaves the old or the new token, never a torn file.</li>
 *   <li>The file holds no token in plaintext. The header and the connection id are authenticated, so a
 *       file copied to another connection's name is rejected too.</li>
 *   <li>A wrong key, or any changed byte, gives a {@link ConfigurationException} ("token store key does not
 *       match ..."), never a garbage token.</li>
 * </ul>
 *
 * <p>File names are the SHA-256 of the connection id ({@code <hex>.token}), so ids need no escaping.
 */
public final class EncryptedFileTokenStore implements TokenStore {
    private static final byte[] MAGIC = {'P', 'H', 'T', 'S'};
    private static final byte VERSION = 1;
    private static final byte KDF_RAW = 0;
    private static final byte KDF_PBKDF2_SHA256 = 1;
    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = MAGIC.length + 1 + 1 + 4 + 1 + SALT_BYTES + IV_BYTES;
    private static final int MIN_ITERATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_PBKDF2_ITERATIONS = 600_000;

    private final Path directory;
    private final byte[] rawKey;
    private final char[] passphrase;
    private final int iterations;
    private final SecureRandom random;
    private final TokenJson json = new TokenJson(PatternHubJson.newMapper());
    private final ConcurrentMap<String, Object> writeLocks = new ConcurrentHashMap<>();
    /** Keys derived from the passphrase, by connection: PBKDF2 is slow on purpose, so derive once per salt. */
    private final ConcurrentMap<String, DerivedKey> derivedKeys = new ConcurrentHashMap<>();

    private EncryptedFileTokenStore(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory").toAbsolutePath();
        if ((b.rawKey == null) == (b.passphrase == null)) {
            throw config("set exactly one of key(byte[32]) or passphrase(char[])", null);
        }
        this.rawKey = b.rawKey;
        this.passphrase = b.passphrase;
        this.iterations = b.iterations;
        this.random = b.random;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw config("cannot create the token directory " + directory, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<OAuthToken> load(String connectionId) {
        Path file = fileFor(connectionId);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw config("cannot read token file " + file, e);
        }
        return Optional.of(decrypt(connectionId, file, bytes));
    }

    @Override
    public void save(String connectionId, OAuthToken token) {
        Objects.requireNonNull(token, "token");
        Path file = fileFor(connectionId);
        synchronized (writeLocks.computeIfAbsent(connectionId, id -> new Object())) {
            writeAtomically(file, encrypt(connectionId, json.write(token)));
        }
    }

    @Override
    public void delete(String connectionId) {
        Path file = fileFor(connectionId);
        synchronized (writeLocks.computeIfAbsent(connectionId, id -> new Object())) {
            try {
                Files.deleteIfExists(file);
                derivedKeys.remove(connectionId);
            } catch (IOException e) {
                throw config("cannot delete token file " + file, e);
            }
        }
    }

    /** The directory holding the token files. */
    public Path directory() {
        return directory;
    }

    private byte[] encrypt(String connectionId, byte[] plaintext) {
        try {
            byte kdf;
            byte[] salt = new byte[SALT_BYTES];
            int rounds = 0;
            SecretKey key;
            if (rawKey != null) {
                kdf = KDF_RAW;
                key = new SecretKeySpec(rawKey, "AES");
            } else {
                kdf = KDF_PBKDF2_SHA256;
                DerivedKey derived = derivedKeys.computeIfAbsent(connectionId, id -> newDerivedKey());
                salt = derived.salt.clone();
                rounds = derived.iterations;
                key = derived.key;
            }
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES)
                    .put(MAGIC).put(VERSION).put(kdf).putInt(rounds)
                    .put((byte) SALT_BYTES).put(salt).put(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header.array());
            cipher.updateAAD(connectionId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER_BYTES + ciphertext.length).put(header.array()).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private OAuthToken decrypt(String connectionId, Path file, byte[] bytes) {
        if (bytes.length <= HEADER_BYTES + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw config("token file " + file + " is not a PatternHub token file or is truncated; delete it and "
                    + "reconnect the seller", null);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        byte version = in.get();
        byte kdf = in.get();
        int fileIterations = in.getInt();
        int saltLength = in.get();
        if (version != VERSION || saltLength != SALT_BYTES) {
            throw keyMismatch(file, null);
        }
        byte[] salt = new byte[SALT_BYTES];
        in.get(salt);
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        SecretKey key = keyForFile(connectionId, file, kdf, fileIterations, salt);
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(bytes, 0, HEADER_BYTES);
            cipher.updateAAD(connectionId.getBytes(StandardCharsets.UTF_8));
            plaintext = cipher.doFinal(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
            return json.read(plaintext);
        } catch (AEADBadTagException e) {
            throw keyMismatch(file, e);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw config("token file " + file + " decrypted but holds no readable token; delete it and reconnect "
                    + "the seller", e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private SecretKey keyForFile(String connectionId, Path file, byte kdf, int fileIterations, byte[] salt) {
        if (kdf == KDF_RAW && rawKey != null) {
            return new SecretKeySpec(rawKey, "AES");
        }
        if (kdf != KDF_PBKDF2_SHA256 || passphrase == null) {
            throw keyMismatch(file, null);
        }
        if (fileIterations < MIN_ITERATIONS || fileIterations > MAX_ITERATIONS) {
            throw keyMismatch(file, null);
        }
        DerivedKey cachedKey = derivedKeys.get(connectionId);
        if (cachedKey != null && cachedKey.iterations == fileIterations && MessageDigest.isEqual(cachedKey.salt, salt)) {
            return cachedKey.key;
        }
        DerivedKey derived = new DerivedKey(salt, fileIterations, derive(salt, fileIterations));
        derivedKeys.put(connectionId, derived);
        return derived.key;
    }

    private DerivedKey newDerivedKey() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new DerivedKey(salt, iterations, derive(salt, iterations));
    }

    private SecretKey derive(byte[] salt, int rounds) {
        KeySpec spec = new PBEKeySpec(passphrase, salt, rounds, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java platform", e);
        }
    }

    private void writeAtomically(Path file, byte[] content) {
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw config("the file system of " + directory + " cannot replace files atomically; "
                        + "choose another token directory", e);
            }
            temp = null;
            syncDirectory();
        } catch (IOException e) {
            throw config("cannot write token file " + file, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file holds only ciphertext
                }
            }
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory (Linux, macOS). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException unsupported) {
            // Windows cannot open directories; its rename is durable enough for NTFS.
        }
    }

    private Path fileFor(String connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        if (connectionId.isEmpty()) {
            throw config("connection id is empty", null);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(connectionId.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest) + ".token");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static ConfigurationException keyMismatch(Path file, Throwable cause) {
        return new ConfigurationException("token store key does not match the key that wrote " + file
                + ", or the file was modified; use the original key, or delete the file and reconnect the seller",
                ErrorContext.empty(), cause);
    }

    private static ConfigurationException config(String message, Throwable cause) {
        return new ConfigurationException("EncryptedFileTokenStore: " + message, ErrorContext.empty(), cause);
    }

    @Override
    public String toString() {
        return "EncryptedFileTokenStore{directory=" + directory + ", key=" + (rawKey != null ? "raw" : "passphrase")
                + "}";
    }

    private static final class DerivedKey {
        final byte[] salt;
        final int iterations;
        final SecretKey key;

        DerivedKey(byte[] salt, int iterations, SecretKey key) {
            this.salt = salt;
            this.iterations = iterations;
            this.key = key;
        }
    }

    /** Builds an {@link EncryptedFileTokenStore}. */
    public static final class Builder {
        private Path directory;
        private byte[] rawKey;
        private char[] passphrase;
        private int iterations = DEFAULT_PBKDF2_ITERATIONS;
        private SecureRandom random = new SecureRandom();

        private Builder() {
        }

        /** The directory for token files (created if missing; keep it private to the user). */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /**
         * A raw AES-256 key (for example from a secrets manager). The array is copied.
         *
         * @param key exactly 32 bytes
         * @return this builder
         */
        public Builder key(byte[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length != 32) {
                throw config("the key must be 32 bytes (AES-256), was " + key.length, null);
            }
            this.rawKey = key.clone();
            return this;
        }

        /**
         * A passphrase; each file gets its own random salt and the key is derived with PBKDF2-HMAC-SHA256.
         * The array is copied; the caller may clear its own.
         *
         * @param passphrase a non-empty passphrase
         * @return this builder
         */
        public Builder passphrase(char[] passphrase) {
            Objects.requireNonNull(passphrase, "passphrase");
            if (passphrase.length == 0) {
                throw config("the passphrase is empty", null);
            }
            this.passphrase = passphrase.clone();
            return this;
        }

        /** PBKDF2 iterations for new files; {@value EncryptedFileTokenStore#DEFAULT_PBKDF2_ITERATIONS} by default, at least 10,000. */
        public Builder pbkdf2Iterations(int iterations) {
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
                throw config("PBKDF2 iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS
                        + ", was " + iterations, null);
            }
            this.iterations = iterations;
            return this;
        }

        /** The source of IVs and salts; a new {@link SecureRandom} by default. */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public EncryptedFileTokenStore build() {
            return new EncryptedFileTokenStore(this);
        }
    }
}
