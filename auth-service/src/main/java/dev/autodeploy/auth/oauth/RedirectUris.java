package dev.autodeploy.auth.oauth;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The allow-list of callback URLs of a provider: a client may only name one of these. */
final class RedirectUris {

    private RedirectUris() {
    }

    /** Only absolute http(s) URLs without a fragment: a provider would refuse anything else anyway. */
    static List<URI> checked(String provider, List<URI> uris) {
        List<URI> list = uris == null ? List.of() : List.copyOf(uris);
        for (URI uri : list) {
            boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getFragment() != null) {
                throw new IllegalArgumentException("autodeploy.oauth." + provider + ".redirect-uris: '" + uri
                        + "' is not an absolute http(s) URL without a fragment");
            }
        }
        return list;
    }

    /** The allowed URI the client asked for (compared exactly), the default when it named none, else empty. */
    static Optional<String> choose(List<URI> allowed, String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.of(allowed.getFirst().toString());
        }
        return allowed.stream().map(URI::toString).filter(requested::equals).findFirst();
    }
}
