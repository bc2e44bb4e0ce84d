package io.netcheck.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs a chain must lead to: the JVM's system trust store, plus the private CAs of an optional PEM
 * bundle ({@code netcheck.tls.ca-bundle}). Loaded once; the bundle is read when netcheck starts, so a bad
 * path is a configuration error then, not a surprise in the middle of a check.
 */
public final class TrustAnchors {
    /** Where a bundle's path comes from, named in every message about it. */
    public static final String SETTING = "netcheck.tls.ca-bundle";

    private static volatile List<X509Certificate> systemStore;

    private final List<X509Certificate> extra;
    private final String description;
    /** The system store is parsed at the first certificate judged, not at start-up: a CLI run without TLS skips it. */
    private volatile Loaded loaded;

    private record Loaded(Set<TrustAnchor> anchors, Set<X509Certificate> certificates) {
    }

    private TrustAnchors(List<X509Certificate> extra, String description) {
        this.extra = List.copyOf(extra);
        this.description = description;
    }

    private Loaded loaded() {
        Loaded l = loaded;
        if (l == null) {
            List<X509Certificate> all = new ArrayList<>(systemCertificatesOnce());
            all.addAll(extra);
            Set<TrustAnchor> a = new HashSet<>();
            all.forEach(c -> a.add(new TrustAnchor(c, null)));
            l = new Loaded(Set.copyOf(a), Set.copyOf(all));
            loaded = l;
        }
        return l;
    }

    /** Loads the anchors now (see {@link CertificateCheck#warmUp()}). */
    void warmUp() {
        loaded();
    }

    private static List<X509Certificate> systemCertificatesOnce() {
        List<X509Certificate> s = systemStore;
        if (s == null) {
            s = List.copyOf(systemCertificates());
            systemStore = s;
        }
        return s;
    }

    /** The JVM's default trust store (cacerts, or javax.net.ssl.trustStore when set). */
    public static TrustAnchors system() {
        return new TrustAnchors(List.of(), "the system trust store");
    }

    /** The system store plus every certificate of the PEM file at {@code bundle} (read and checked now). */
    public static TrustAnchors withBundle(Path bundle) {
        List<X509Certificate> extra = readBundle(bundle);
        return new TrustAnchors(extra, "the system trust store and " + SETTING + " (" + bundle + ", " + extra.size()
                + " CA" + (extra.size() == 1 ? "" : "s") + ")");
    }

    Set<TrustAnchor> anchors() {
        return loaded().anchors();
    }

    boolean isAnchor(X509Certificate c) {
        return loaded().certificates().contains(c);
    }

    /** "the system trust store" or "the system trust store and netcheck.tls.ca-bundle (/etc/..., 2 CAs)". */
    public String description() {
        return description;
    }

    static List<X509Certificate> readBundle(Path bundle) {
        byte[] bytes;
        try {
            if (Files.isDirectory(bundle)) {
                throw new Invalid(SETTING + ": " + bundle + " is a directory, not a PEM file");
            }
            bytes = Files.readAllBytes(bundle);
        } catch (NoSuchFileException e) {
            throw new Invalid(SETTING + ": " + bundle + " does not exist");
        } catch (AccessDeniedException e) {
            throw new Invalid(SETTING + ": " + bundle + " cannot be read (permission denied)");
        } catch (IOException e) {
            throw new Invalid(SETTING + ": " + bundle + " cannot be read: " + e.getMessage());
        }
        Collection<? extends Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new Invalid(SETTING + ": " + bundle + " is not a PEM bundle of certificates: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : read) {
            if (c instanceof X509Certificate x) {
                out.add(x);
            }
        }
        if (out.isEmpty()) {
            throw new Invalid(SETTING + ": " + bundle + " holds no certificate (expected PEM blocks "
                    + "-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)");
        }
        return out;
    }

    private static List<X509Certificate> systemCertificates() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's trust store cannot be read: " + e.getMessage(), e);
        }
    }

    /** A CA bundle that cannot be used; the message says which setting, which file and why. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
