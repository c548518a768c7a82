package io.runnerorchestrator.app.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Runs the token check before a {@link ApiTokenRequired} handler reads its body or arguments. */
final class ApiTokenInterceptor implements HandlerInterceptor {

    private final ApiTokenGuard guard;

    ApiTokenInterceptor(ApiTokenGuard guard) {
        this.guard = guard;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(ApiTokenRequired.class)) {
            guard.check(request.getHeader(HttpHeaders.AUTHORIZATION));
        }
        return true;
    }
}
