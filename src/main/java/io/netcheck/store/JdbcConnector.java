package io.netcheck.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens connections for a JDBC URL with the driver chosen from the URL itself, so H2 and PostgreSQL are both
 * one URL away at run time (Quarkus fixes a datasource's database kind at build time). Also the DataSource
 * Flyway migrates through.
 */
final class JdbcConnector implements DataSource {
    private final String url;
    private final Properties credentials = new Properties();
    private Driver driver; // loaded at the first connection, not when the store is merely configured

    JdbcConnector(String url, String username, String password) {
        this.url = url;
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            // A dead database must fail a store call in seconds, not hang a watch worker forever.
            credentials.setProperty("connectTimeout", "5");
            credentials.setProperty("socketTimeout", "30");
        }
        requireSupported(url); // a bad URL is a configuration error at start-up, not at the first watch
    }

    static Driver driverFor(String url) {
        requireSupported(url);
        return url.startsWith("jdbc:h2:") ? new org.h2.Driver() : new org.postgresql.Driver();
    }

    static void requireSupported(String url) {
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("netcheck.store.url must start with jdbc:h2: or jdbc:postgresql:, not "
                    + scheme(url));
        }
    }

    /** Only the scheme of a URL ({@code jdbc:mysql:}), never more: the rest may hold credentials. */
    private static String scheme(String url) {
        int colon = url.indexOf(':', url.startsWith("jdbc:") ? 5 : 0);
        String scheme = colon < 0 ? "" : url.substring(0, colon + 1);
        boolean plain = !scheme.isEmpty() && scheme.length() <= 30 && scheme.chars().allMatch(
                ch -> Character.isLetterOrDigit(ch) || ch == ':' || ch == '-' || ch == '.' || ch == '+');
        return plain ? scheme : "a URL without a recognisable scheme";
    }

    /** The URL without credentials or parameters, for messages and health output. */
    String describe() {
        int cut = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
        return cut < 0 ? url : url.substring(0, cut);
    }

    boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (driver == null) {
            driver = driverFor(url);
        }
        Connection c = driver.connect(url, credentials);
        if (c == null) {
            throw new SQLException("no driver accepts " + describe());
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
