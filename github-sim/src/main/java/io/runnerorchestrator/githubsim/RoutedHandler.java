package io.runnerorchestrator.githubsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;

/** Serves the simulator's own endpoints (control API, runner protocol): no auth, no faults, not counted. */
final class RoutedHandler implements HttpHandler {
    private final Router router;

    RoutedHandler(Router router) {
        this.router = router;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ApiRequest request = ApiRequest.read(exchange);
        ApiResponse response;
        try {
            response = router.match(request.method(), request.path())
                    .map(match -> match.handle(request))
                    .orElseGet(() -> ApiResponse.error(404, "Not Found"));
        } catch (ApiException e) {
            response = ApiResponse.error(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            response = ApiResponse.error(422, e.getMessage());
        }
        HttpIo.write(exchange, response);
    }
}
