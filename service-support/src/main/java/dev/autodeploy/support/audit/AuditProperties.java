package dev.autodeploy.support.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustPrivateProxies whether a request from a loopback or private address (the gateway) may name the
 *        client address in {@code X-Forwarded-For}
 */
@ConfigurationProperties("autodeploy.audit")
public record AuditProperties(@DefaultValue("true") boolean trustPrivateProxies) {
}
