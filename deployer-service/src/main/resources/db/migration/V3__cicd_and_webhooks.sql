-- Inbound webhook deliveries already acted on (replays are ignored by delivery id).
CREATE TABLE webhook_deliveries (
    provider    VARCHAR(40)  NOT NULL,
    delivery_id VARCHAR(255) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (provider, delivery_id)
);
CREATE INDEX idx_webhook_deliveries_received ON webhook_deliveries (received_at);

-- A provider's run (workflow run id, pipeline id, build number) found from its webhook.
CREATE INDEX idx_deployment_cicd_mappings_external ON deployment_cicd_mappings (external_id);
CREATE INDEX idx_cicd_providers_organization ON cicd_providers (organization_id, name);

-- Which provider types exist is the deployer's business (one CicdProviderType bean per type), not the schema's.
ALTER TABLE cicd_providers DROP CONSTRAINT cicd_providers_type_check;
