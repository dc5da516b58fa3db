package dev.autodeploy.deployer.cicd;

import org.springframework.stereotype.Component;

/** STAND-IN until the lead's foundation lands. */
@Component
public class WebhookDeliveries {

    public boolean firstDelivery(String provider, String deliveryId) {
        throw new UnsupportedOperationException("stand-in");
    }
}
