package io.netcheck.store;

/**
 * The store's JDBC URL, checked: H2 or PostgreSQL, nothing else. Its kind names the Agroal datasource that serves it
 * ({@code h2} or {@code postgresql}, both built in; {@link StoreDatasources} activates the one the URL names).
 */
public record StoreUrl(String url, Kind kind) {
    public enum Kind {
        H2("h2"), POSTGRESQL("postgresql");

        /** The name of its datasource in application.properties. */
        public final String datasource;

        Kind(String datasource) {
            this.datasource = datasource;
        }
    }

    /** @throws IllegalArgumentException for any other database, naming only the URL's scheme */
    public static StoreUrl parse(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return new StoreUrl(url, Kind.H2);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new StoreUrl(url, Kind.POSTGRESQL);
        }
        throw new IllegalArgumentException("netcheck.store.url must start with jdbc:h2: or jdbc:postgresql:, not "
                + scheme(url));
    }

    /** The URL without credentials or parameters, for messages and health output. */
    public String describe() {
        int cut = url.indexOf(kind == Kind.H2 ? ';' : '?');
        return cut < 0 ? url : url.substring(0, cut);
    }

    /** Only the scheme of a URL ({@code jdbc:mysql:}), never more: the rest may hold credentials. */
    private static String scheme(String url) {
        int colon = url.indexOf(':', url.startsWith("jdbc:") ? 5 : 0);
        String scheme = colon < 0 ? "" : url.substring(0, colon + 1);
        boolean plain = !scheme.isEmpty() && scheme.length() <= 30 && scheme.chars().allMatch(
                ch -> Character.isLetterOrDigit(ch) || ch == ':' || ch == '-' || ch == '.' || ch == '+');
        return plain ? scheme : "a URL without a recognisable scheme";
    }
}
