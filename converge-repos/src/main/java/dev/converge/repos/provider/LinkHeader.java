package dev.converge.repos.provider;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 {@code Link} headers as GitHub sends them: {@code <url>; rel="next", <url>; rel="last"}. */
final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]+)\"?");

    private LinkHeader() {
    }

    /** The {@code next} link of a response's {@code Link} header: the listing's next page, or null on the last. */
    static URI next(HttpResponse<?> response) {
        return find(response.headers().firstValue("Link").orElse(null), "next").orElse(null);
    }

    /** The target of the link with the given relation ({@code next}), if the header has one. */
    static Optional<URI> find(String header, String relation) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL.matcher(link.group(2));
            while (rel.find()) {
                for (String r : rel.group(1).trim().split("\\s+")) {
                    if (r.equalsIgnoreCase(relation)) {
                        return Optional.of(URI.create(link.group(1)));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
