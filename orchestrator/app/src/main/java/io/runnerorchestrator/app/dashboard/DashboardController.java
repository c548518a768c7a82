package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.app.api.ReadAccess;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * The dashboard page at {@code /} and {@code /dashboard}. While API_READ_TOKEN is set, a browser
 * without the read cookie gets a one-field form instead; the token it takes sets the cookie.
 */
@Hidden
@RestController
public class DashboardController {

    public static final String PATH = "/dashboard";
    public static final String SIGN_IN = "/dashboard/sign-in";
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

    private final DashboardEvents events;
    private final DashboardPage page;
    private final ReadAccess access;
    private final JsonMapper json;

    DashboardController(DashboardEvents events, DashboardPage page, ReadAccess access, JsonMapper json) {
        this.events = events;
        this.page = page;
        this.access = access;
        this.json = json;
    }

    @GetMapping({"/", PATH})
    public ResponseEntity<String> dashboard(HttpServletRequest request) {
        if (!access.allows(request)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(HTML)
                    .body(page.signIn("This dashboard needs API_READ_TOKEN (or API_TOKEN)."));
        }
        DashboardState state = events.fullState();
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore())
                .body(page.render("runner-orchestrator · " + state.instance(), json.writeValueAsString(state)));
    }

    /** The sign-in form's target: a matching token sets the read cookie (HttpOnly, this site only). */
    @PostMapping(value = SIGN_IN, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<String> signIn(@RequestParam(required = false) String token, HttpServletRequest request) {
        Optional<String> cookie = access.cookieFor(token);
        if (cookie.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(HTML)
                    .body(page.signIn("That token matches neither API_READ_TOKEN nor API_TOKEN."));
        }
        ResponseCookie set = ResponseCookie.from(ReadAccess.COOKIE, cookie.get()).httpOnly(true).sameSite("Strict")
                .secure(request.isSecure()).path("/").build();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.SET_COOKIE, set.toString())
                .header(HttpHeaders.LOCATION, PATH).build();
    }
}
