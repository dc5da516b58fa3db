package dev.autodeploy.support.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.autodeploy.support.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The facts of the request an audited action happens in: who made it (from the authenticated principal), its
 * request id, the client address and user agent. The client address is the last {@code X-Forwarded-For} hop when
 * the request came through a trusted proxy (the gateway: loopback or private addresses by default), the peer
 * address otherwise — a client talking to a service directly cannot choose the address recorded.
 */
public class AuditContext {

    private static final int MAX_USER_AGENT = 512;
    private static final Pattern LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}");

    /** What the current request says; every field null outside a request. */
    public record RequestFacts(String requestId, String ip, String userAgent) {
    }

    private final Supplier<Optional<UUID>> currentUser;
    private final boolean trustPrivateProxies;

    public AuditContext(Supplier<Optional<UUID>> currentUser, boolean trustPrivateProxies) {
        this.currentUser = currentUser;
        this.trustPrivateProxies = trustPrivateProxies;
    }

    /** The authenticated user of the current request; the platform itself when there is none. */
    public AuditActor currentActor() {
        return currentUser.get().map(AuditActor::user).orElseGet(AuditActor::system);
    }

    public RequestFacts currentRequest() {
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return new RequestFacts(requestId, null, null);
        }
        HttpServletRequest request = attributes.getRequest();
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return new RequestFacts(requestId, clientAddress(request), userAgent);
    }

    private String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        List<String> forwarded = request.getHeaders("X-Forwarded-For") == null ? List.of()
                : java.util.Collections.list(request.getHeaders("X-Forwarded-For"));
        if (forwarded.isEmpty() || !trustedProxy(peer)) {
            return peer;
        }
        String[] hops = forwarded.getLast().split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() || last.length() > 64 ? peer : last;
    }

    private boolean trustedProxy(String peer) {
        if (!trustPrivateProxies || peer == null) {
            return false;
        }
        // The container gives a literal address; anything else is not looked up, just not trusted.
        if (!LITERAL.matcher(peer).matches()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(peer);
            return address.isLoopbackAddress() || address.isSiteLocalAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }
}
