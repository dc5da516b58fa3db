package dev.autodeploy.support.kafka;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * The executor Spring Modulith's asynchronous event externalization runs on: one thread, so events reach Kafka in
 * the order their transactions committed them. Boot's shared pool (eight threads) would send two events of one
 * deployment — a step completing and the deployment becoming ready — in whichever order its threads get there,
 * breaking the per-aggregate order consumers rely on. Only {@code @Async} methods use it (the externalizer is the
 * only one); MVC's asynchronous requests keep Boot's pool. A send is non-blocking, so one thread keeps up; on
 * shutdown the queued sends get a few seconds to go out (what does not is resent from the outbox on restart).
 */
class OrderedOutboxExecutor implements AsyncConfigurer, DisposableBean {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("outbox-externalizer").daemon(true).factory());

    @Override
    public Executor getAsyncExecutor() {
        return executor;
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
