package io.netcheck.checklist;

import java.util.regex.Pattern;

/**
 * A Kubernetes Service named as a target: {@code svc/NAME[.NAMESPACE][:PORT]}.
 *
 * @param namespace null for the cluster client's own namespace (the pod's, or the kubeconfig context's)
 * @param port      the Service port by number or name; null when the Service has a single port
 */
public record ServiceRef(String name, String namespace, String port) {
    public static final String PREFIX = "svc/";
    // RFC 1035 label (Service names) and RFC 1123 label (namespaces), as the API server validates them.
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");

    public static boolean isService(String word) {
        return word != null && word.startsWith(PREFIX);
    }

    /** Parses {@code svc/NAME[.NAMESPACE][:PORT]}; a bad one gets a message naming the part that is wrong. */
    public static ServiceRef parse(String text) {
        String rest = text.substring(PREFIX.length());
        String port = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            port = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (port.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': nothing after ':' (give a Service port number or name)");
            }
            if (port.chars().allMatch(Character::isDigit)) {
                int n = port.length() > 5 ? -1 : Integer.parseInt(port);
                if (n < 1 || n > 65535) {
                    throw new IllegalArgumentException("'" + text + "': port " + port + " is not a TCP port (1-65535)");
                }
            } else if (!PORT_NAME.matcher(port).matches() || port.chars().noneMatch(Character::isLetter)) {
                throw new IllegalArgumentException("'" + text + "': '" + port + "' is not a port number or a Service "
                        + "port name (lower-case letters, digits and '-', at most 15)");
            }
        }
        String namespace = null;
        int dot = rest.indexOf('.');
        if (dot >= 0) {
            namespace = rest.substring(dot + 1);
            rest = rest.substring(0, dot);
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException("'" + text + "': '" + namespace + "' is not a namespace name "
                        + "(lower-case letters, digits and '-', at most 63)");
            }
        }
        if (!NAME.matcher(rest).matches()) {
            throw new IllegalArgumentException("'" + text + "': '" + rest + "' is not a Service name (lower-case "
                    + "letters, digits and '-', starting with a letter, at most 63); the form is svc/NAME[.NAMESPACE][:PORT]");
        }
        return new ServiceRef(rest, namespace, port);
    }

    /** The same Service, its namespace filled in. */
    public ServiceRef inNamespace(String ns) {
        return namespace != null ? this : new ServiceRef(name, ns, port);
    }

    public String label() {
        return PREFIX + name + (namespace == null ? "" : "." + namespace) + (port == null ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return label();
    }
}
