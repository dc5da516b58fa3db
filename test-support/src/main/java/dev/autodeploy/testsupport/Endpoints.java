package dev.autodeploy.testsupport;

/**
 * Where the test infrastructure answers.
 *
 * @param postgresHost host of the Postgres server
 * @param postgresPort its port
 * @param postgresUser a user that may create databases
 * @param postgresPassword its password (empty for trust authentication)
 * @param redisHost host of the Redis server
 * @param redisPort its port
 * @param kafkaBootstrapServers bootstrap servers of the Kafka broker
 */
public record Endpoints(String postgresHost, int postgresPort, String postgresUser, String postgresPassword,
        String redisHost, int redisPort, String kafkaBootstrapServers) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }
}
