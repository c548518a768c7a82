package io.runnerorchestrator.app.api;

import io.runnerorchestrator.core.ManualScalingException;
import io.runnerorchestrator.core.port.RunnerBackendException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns what the API's handlers refuse or fail at into problem details, and logs each as one event. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> refused(ApiProblem problem, HttpServletRequest request) {
        log.info("api.refused method={} path={} status={} detail=\"{}\"", request.getMethod(), request.getRequestURI(),
                problem.getStatusCode().value(), problem.getBody().getDetail());
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    @ExceptionHandler(ManualScalingException.class)
    ResponseEntity<ProblemDetail> notDone(ManualScalingException e, HttpServletRequest request) {
        return refused(switch (e.kind()) {
            case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
            case CONFLICT -> ApiProblem.conflict(e.getMessage());
            case UNAVAILABLE -> ApiProblem.unavailable(e.getMessage());
            case FAILED -> ApiProblem.badGateway(e.getMessage());
        }, request);
    }

    /** Docker failed (its messages name the runner and the cause, never a secret). */
    @ExceptionHandler(RunnerBackendException.class)
    ResponseEntity<ProblemDetail> dockerFailed(RunnerBackendException e, HttpServletRequest request) {
        return refused(ApiProblem.badGateway(e.getMessage()), request);
    }
}
