package io.patternhub.hub.store;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.util.Locale;

/** The database products the hub store runs on. */
public enum Vendor {
    /** An embedded SQLite file in WAL mode: the default, for one hub instance. */
    SQLITE("sqlite"),
    /** PostgreSQL: for several hub instances sharing work through row leases. */
    POSTGRESQL("postgresql");

    private final String folder;

    Vendor(String folder) {
        this.folder = folder;
    }

    /**
     * The Flyway locations of this vendor's migrations: its own folder (where the SQL dialects differ) and the
     * folder shared by every vendor (migrations written in SQL both accept). Versions are unique across both.
     */
    public String[] migrationLocations() {
        return new String[] {"classpath:db/migration/" + folder, "classpath:db/migration/common"};
    }

    /**
     * The vendor of a JDBC URL.
     *
     * @param jdbcUrl e.g. {@code jdbc:sqlite:/var/hub.db} or {@code jdbc:postgresql://db/hub}
     * @return the vendor
     * @throws ConfigurationException if the URL names another database
     */
    public static Vendor ofJdbcUrl(String jdbcUrl) {
        String lower = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new ConfigurationException("unsupported JDBC URL '" + jdbcUrl
                + "': the hub store runs on jdbc:sqlite: or jdbc:postgresql:", ErrorContext.empty());
    }

    /**
     * The vendor from a database product name as JDBC metadata reports it.
     *
     * @param productName e.g. {@code "PostgreSQL"} or {@code "SQLite"}
     * @return the vendor
     * @throws ConfigurationException for any other product
     */
    public static Vendor ofProductName(String productName) {
        String lower = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (lower.contains("sqlite")) {
            return SQLITE;
        }
        if (lower.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new ConfigurationException("unsupported database '" + productName
                + "': the hub store runs on SQLite or PostgreSQL", ErrorContext.empty());
    }
}
