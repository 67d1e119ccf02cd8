package dev.converge.repos.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real smart-HTTP Git server on loopback: JGit's {@link GitServlet} in Jetty, serving the
 * bare repositories under a root and demanding a token as the Basic-auth password, as GitHub,
 * GitLab and Azure DevOps do. (JGit's own AppServer helper would do, but it needs JUnit 4.)
 */
public final class GitHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final java.util.Set<String> forbidden = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private GitHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts serving {@code root} at {@code /git/<path>} for clients that send {@code token}. */
    public static GitHttpServer start(Path root, String token) throws Exception {
        return start(root, token, 0, context -> { });
    }

    /**
     * Starts serving {@code root} at {@code /git/<path>}, to anyone when {@code token} is
     * {@code null}, on {@code port} (0 for any free one), with {@code extra} servlets added to the
     * {@code /git} context before it starts.
     */
    public static GitHttpServer start(Path root, String token, int port,
                                      java.util.function.Consumer<ServletContextHandler> extra) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/git");
        server.setHandler(context);
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((request, name) -> {
            Path dir = root.resolve(name).normalize();
            if (!dir.startsWith(root)) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                Repository repo = RepositoryCache.open(RepositoryCache.FileKey.lenient(dir.toFile(), FS.DETECTED), true);
                return repo;
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        context.addServlet(new ServletHolder(servlet), "/*");
        extra.accept(context);
        GitHttpServer result = new GitHttpServer(server, connector);
        context.addFilter(new FilterHolder(result.new PushBackFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        if (token != null) {
            context.addFilter(new FilterHolder(result.new TokenFilter(token)), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.start();
        return result;
    }

    /** The clone URL of the repository at {@code path} under the root ({@code org/app.git}). */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/git/" + path);
    }

    /** How many requests were turned away for want of the right token. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    /** Answers the next {@code count} ref advertisements (the first request of a clone or fetch) with 429. */
    public void tooManyRequests(int count) {
        toRefuse.set(count);
    }

    /** Answers every request for the repository at {@code path} ({@code org/app.git}) with 403, as for a token without access. */
    public void forbid(String path) {
        forbidden.add("/git/" + path + "/");
    }

    /** How many requests were answered 429 Too Many Requests. */
    public int tooManyRequestsAnswered() {
        return refused.get();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Pushes back as a busy host does: 429 Too Many Requests, no Retry-After (GitHub sends none to git clients). */
    private final class PushBackFilter implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            String uri = ((HttpServletRequest) req).getRequestURI();
            if (forbidden.stream().anyMatch(uri::startsWith)) {
                ((HttpServletResponse) res).sendError(403, "Forbidden");
                return;
            }
            boolean advertisement = uri.endsWith("/info/refs");
            if (advertisement && toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                ((HttpServletResponse) res).sendError(429, "Too Many Requests");
                return;
            }
            chain.doFilter(req, res);
        }
    }

    /** Accepts any user name with the token as password; answers 401 with a Basic challenge otherwise. */
    private final class TokenFilter implements Filter {
        private final String expected;

        TokenFilter(String token) {
            this.expected = token;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            String header = ((HttpServletRequest) req).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ")) {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0 && decoded.substring(colon + 1).equals(expected)) {
                    chain.doFilter(req, res);
                    return;
                }
            }
            unauthorized.incrementAndGet();
            HttpServletResponse response = (HttpServletResponse) res;
            response.setHeader("WWW-Authenticate", "Basic realm=\"converge-test\"");
            response.sendError(401);
        }
    }
}
