package io.netcheck.slack;

/**
 * Runs {@link FakeSlack} as its own process, so a test can put it next to the app inside a lab namespace.
 * Prints {@code port=N} (the Web API port) and serves until stdin closes or the process is stopped.
 */
public final class FakeSlackServer {
    public static void main(String[] args) throws Exception {
        try (FakeSlack fake = new FakeSlack()) {
            String url = fake.apiUrl();
            System.out.println("port=" + url.substring(url.lastIndexOf(':') + 1, url.indexOf("/api/")));
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until our parent goes away
            }
        }
    }
}
