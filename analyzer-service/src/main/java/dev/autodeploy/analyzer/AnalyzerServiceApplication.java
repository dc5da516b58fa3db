package dev.autodeploy.analyzer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Analyzer service: Repositories, analyses and the framework detection engine. */
@SpringBootApplication
public class AnalyzerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalyzerServiceApplication.class, args);
    }
}
