package io.runnerorchestrator.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

/**
 * A Lettuce connection from REDIS_URL, set up to fail fast: commands are refused at once while the
 * connection is down (so the instance turns degraded instead of blocking a pass), every command
 * times out after {@code timeout}, and the reconnect is retried every second (so the instance
 * rejoins soon after Redis is back). Never prints the URL: it may hold a password.
 */
public final class RedisConnection implements AutoCloseable {
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;

    private RedisConnection(ClientResources resources, LettuceConnectionFactory factory) {
        this.resources = resources;
        this.factory = factory;
        this.template = new StringRedisTemplate(factory);
    }

    /** @param url {@code redis://[[user]:password@]host:port[/db]} or {@code rediss://...} */
    public static RedisConnection open(String url, Duration timeout) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("REDIS_URL is not a redis:// URL (value not shown)");
        }
        ClientResources resources = ClientResources.builder().reconnectDelay(Delay.constant(RECONNECT_EVERY)).build();
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .apply(uri)
                .clientResources(resources)
                .clientOptions(options)
                .commandTimeout(timeout)
                .clientName("runner-orchestrator")
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(uri), client);
        factory.afterPropertiesSet();
        factory.start();
        return new RedisConnection(resources, factory);
    }

    public StringRedisTemplate template() {
        return template;
    }

    @Override
    public void close() {
        factory.destroy();
        resources.shutdown();
    }
}
