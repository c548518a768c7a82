package io.runnerorchestrator.app.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Turns away reads of the status, the runner list and the event stream without API_READ_TOKEN (or
 * API_TOKEN) while API_READ_TOKEN is set. Only GETs: the runners path's POST and DELETE calls have
 * their own API_TOKEN check.
 */
public final class ReadTokenInterceptor implements HandlerInterceptor {

    private final ReadAccess access;

    public ReadTokenInterceptor(ReadAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"GET".equals(request.getMethod()) || access.allows(request)) {
            return true;
        }
        throw ApiProblem.unauthorized("reading needs a token because API_READ_TOKEN is set: send"
                + " Authorization: Bearer <API_READ_TOKEN> (or API_TOKEN)");
    }
}
