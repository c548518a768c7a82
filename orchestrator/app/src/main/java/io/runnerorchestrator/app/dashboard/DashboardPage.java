package io.runnerorchestrator.app.dashboard;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's HTML: a template from the classpath with the first picture filled in, so the page
 * shows the pool on its first paint and has no build step. The script and styles are static files;
 * uPlot comes from its WebJar, whose version is read from the classpath (one place to bump: the pom).
 */
final class DashboardPage {

    private static final String UPLOT_SCRIPT = "classpath*:META-INF/resources/webjars/uplot/*/dist/uPlot.iife.min.js";
    private static final Pattern UPLOT_VERSION = Pattern.compile("/webjars/uplot/([^/]+)/dist/");

    private final String page;
    private final String signIn;

    DashboardPage() {
        String uplot = "/webjars/uplot/" + uplotVersion() + "/dist/";
        this.page = template("dashboard/page.html").replace("{{uplot}}", uplot);
        this.signIn = template("dashboard/sign-in.html");
    }

    /** @param stateJson the first {@link DashboardState}, as JSON */
    String render(String title, String stateJson) {
        // Inside <script type="application/json"> only "</script" could end the block early: no raw "<".
        return page.replace("{{title}}", html(title)).replace("{{state}}", stateJson.replace("<", "\\u003c"));
    }

    /** The form asking for API_READ_TOKEN; {@code message} says why it is shown again, when it is. */
    String signIn(String message) {
        return signIn.replace("{{message}}", html(message));
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String uplotVersion() {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(UPLOT_SCRIPT);
            return Arrays.stream(found).map(DashboardPage::url).map(UPLOT_VERSION::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the uPlot WebJar is missing from the classpath"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for the uPlot WebJar", e);
        }
    }

    private static String url(Resource resource) {
        try {
            return resource.getURL().toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static String template(String path) {
        try (InputStream in = DashboardPage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
