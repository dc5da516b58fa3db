package dev.autodeploy.deployer.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

import dev.autodeploy.deployer.DeployerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.AsyncConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Modulith externalizes events asynchronously; with Boot's pool two events of one deployment could reach
 * Kafka in either order. The service's only async executor is a single thread that runs what it is given in order.
 */
class OutboxOrderTests extends DeployerTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void eventsAreExternalizedOnOneThreadInTheOrderTheyWereHandedOver() {
        Map<String, AsyncConfigurer> configurers = context.getBeansOfType(AsyncConfigurer.class);
        assertThat(configurers).hasSize(1);
        Executor executor = configurers.values().iterator().next().getAsyncExecutor();

        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        IntStream.range(0, 500).forEach(number -> executor.execute(() -> {
            threads.add(Thread.currentThread().getName());
            order.add(number);
        }));

        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 500);
        assertThat(order).isSorted();
        assertThat(threads).containsOnly("outbox-externalizer");
    }
}
