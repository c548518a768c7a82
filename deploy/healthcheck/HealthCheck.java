import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The orchestrator image's HEALTHCHECK: exits 0 when GET /api/v1/health on this container answers 2xx,
 * 1 otherwise. Only java.base, so it runs on any JRE base image, which may have neither curl nor wget.
 */
public final class HealthCheck {
    private static final int TIMEOUT_MILLIS = 4_000;

    private HealthCheck() {
    }

    public static void main(String[] args) {
        URI uri = URI.create("http://127.0.0.1:" + port() + "/api/v1/health");
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            if (status >= 200 && status < 300) {
                System.out.println("healthy status=" + status);
                System.exit(0);
            }
            System.out.println("unhealthy url=" + uri + " status=" + status);
        } catch (IOException e) {
            System.out.println("unhealthy url=" + uri + " error=" + e);
        }
        System.exit(1);
    }

    /** The same PORT variable the orchestrator listens on. */
    private static String port() {
        String port = System.getenv("PORT");
        return port == null || port.isBlank() ? "8080" : port.trim();
    }
}
