package dev.converge.repos.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.retry.RetryAfterHeader;
import dev.converge.repos.host.HostLimit;
import dev.converge.repos.host.HostLimits;
import dev.converge.repos.host.HostThrottle;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * GET requests to a provider's REST API that wait out the server's push-back instead of failing:
 * {@code Retry-After} (seconds or a date; secondary rate limits, 429, 503), an exhausted {@code X-RateLimit-Remaining}
 * until {@code X-RateLimit-Reset}, and 5xx with exponential backoff and jitter. Each request
 * holds a permit of its host's {@link HostLimit}, and push-back halves the host's permits. A wait longer than
 * {@code maxWait} is not waited: it becomes a fault that says when to come back.
 */
final class ProviderHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final String label;
    private final HttpClient http;
    private final Map<String, String> headers;
    private final Pause pause;
    private final Clock clock;
    private final Duration maxWait;
    private final HostLimits limits;

    /** @param settings the provider's builder: how to wait, the clock, the longest wait, the host limits */
    ProviderHttp(String label, HttpClient http, Map<String, String> headers, RestProviderBuilder<?> settings) {
        this.label = label;
        this.http = http;
        this.headers = Map.copyOf(headers);
        this.pause = settings.pause;
        this.clock = settings.clock;
        this.maxWait = settings.maxWait;
        this.limits = settings.hostLimits;
    }

    /**
     * Sends a GET and returns a 2xx or 404 response (the caller decides what "not found" means);
     * any other answer becomes a {@link RemoteException} carrying the server's own message.
     */
    HttpResponse<String> get(URI uri) throws ConvergeException {
        Duration backoff = FIRST_BACKOFF;
        HostLimit host = limits.of(uri);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = sendWithin(host, uri);
            int status = response.statusCode();
            if (status / 100 == 2 || status == 404) {
                host.succeeded();
                return response;
            }
            Optional<Duration> wait = pushBack(response);
            if (wait.isPresent() || status == 429) {
                host.pushedBack();
            }
            boolean retryable = wait.isPresent() || RemoteException.isTransientStatus(status);
            if (!retryable || attempt == MAX_ATTEMPTS) {
                throw fault(uri, response);
            }
            Duration delay = wait.orElse(HostThrottle.jittered(backoff));
            if (delay.compareTo(maxWait) > 0) {
                throw new RemoteException(label + ": " + describe(uri, response) + "; the server asks to wait "
                        + delay.toSeconds() + "s (until " + clock.instant().plus(delay).truncatedTo(ChronoUnit.SECONDS)
                        + "), longer than the " + maxWait.toSeconds() + "s converge waits", status, true, null);
            }
            sleep(delay);
            backoff = backoff.multipliedBy(2);
        }
    }

    /** Sends a GET for a page that must exist: a 404 is a fault like any other. */
    HttpResponse<String> getPage(URI uri) throws ConvergeException {
        HttpResponse<String> response = get(uri);
        if (response.statusCode() == 404) {
            throw fault(uri, response);
        }
        return response;
    }

    /** Checks that a listing's answer holds a JSON array where the provider documents one. */
    JsonNode requireList(URI uri, HttpResponse<String> response, JsonNode node, String what) throws ConvergeException {
        if (node == null || !node.isArray()) {
            throw new RemoteException(label + ": GET " + uri.getPath() + ": expected " + what, response.statusCode(), false, null);
        }
        return node;
    }

    /** Reads a JSON body, naming the address when it is not JSON. */
    JsonNode json(URI uri, HttpResponse<String> response) throws ConvergeException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RemoteException(label + ": GET " + uri.getPath() + ": answer is not JSON", response.statusCode(), false, e);
        }
    }

    /** Builds the fault for an answer the caller cannot use (including a 404 it did not expect). */
    RemoteException fault(URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        return new RemoteException(label + ": " + describe(uri, response), status, RemoteException.isTransientStatus(status), null);
    }

    private String describe(URI uri, HttpResponse<String> response) {
        String message = serverMessage(response);
        return "GET " + uri.getPath() + ": " + RemoteException.describeStatus(response.statusCode())
                + (message.isEmpty() ? "" : ": " + message);
    }

    /** How long the server asked us to wait, when it did. */
    private Optional<Duration> pushBack(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429 && status != 503) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = RetryAfterHeader.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        OptionalLong remaining = header(response, "X-RateLimit-Remaining");
        OptionalLong reset = header(response, "X-RateLimit-Reset");
        if (remaining.isPresent() && remaining.getAsLong() == 0 && reset.isPresent()) {
            Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(reset.getAsLong()));
            // One second past the reset, so the retry does not land just before it.
            return Optional.of(untilReset.isNegative() ? Duration.ZERO : untilReset.plusSeconds(1));
        }
        return Optional.empty();
    }

    /** Sends within the host's permits, so discovery and other work on the host share its limit. */
    private HttpResponse<String> sendWithin(HostLimit host, URI uri) throws ConvergeException {
        try {
            host.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException(label + ": interrupted", e);
        }
        try {
            return send(uri);
        } finally {
            host.release();
        }
    }

    private HttpResponse<String> send(URI uri) throws ConvergeException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RemoteException(label + ": GET " + uri.getPath() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException(label + ": interrupted", e);
        }
    }

    private void sleep(Duration delay) throws ConvergeException {
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConvergeException(label + ": interrupted while waiting out a rate limit", e);
        }
    }

    /**
     * A path segment or query value for a provider's URL. A space becomes {@code %20}, not
     * URLEncoder's {@code +}, which in a path is a literal plus sign.
     */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A field's text, or {@code null} when the field is missing or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static OptionalLong header(HttpResponse<String> response, String name) {
        Optional<String> value = response.headers().firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The human message an API puts in its error body ({@code message} or {@code error}), if any. */
    private static String serverMessage(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            for (String field : new String[] {"message", "error_description", "error"}) {
                JsonNode node = body == null ? null : body.get(field);
                if (node != null && node.isTextual()) {
                    return node.asText();
                }
            }
        } catch (IOException e) {
            // Not JSON: the status alone says enough.
        }
        return "";
    }
}
