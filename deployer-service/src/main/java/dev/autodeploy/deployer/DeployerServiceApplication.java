package dev.autodeploy.deployer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Deployer service: Projects, environments, secrets, deployments and their deploy targets. */
@SpringBootApplication
public class DeployerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeployerServiceApplication.class, args);
    }
}
