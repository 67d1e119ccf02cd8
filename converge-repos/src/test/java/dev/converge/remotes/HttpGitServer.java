package dev.converge.remotes;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.FileResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;

/**
 * JGit's smart-HTTP server (GitServlet in Jetty) on loopback, serving every bare repository under
 * a directory at {@code /git/<name>.git}, anonymous pushes allowed; {@code /secure/...} serves
 * the same repositories behind basic auth, {@code /down/...} answers 503 to everything, and
 * {@code /stall/...} advertises like {@code /git} but takes a push's request and never answers it;
 * {@code /broken/...} advertises and answers every push with 500; {@code /strict/...} refuses
 * non-fast-forwards ({@code receive.denyNonFastForwards}); {@code /guarded/...} refuses, in its
 * status report, updates of branches named {@code protected*}, as a pre-receive hook would;
 * {@code /moved/...} redirects every request to {@code /git/...} (301); {@code /pushauth/...}
 * advertises to anyone and asks for basic auth on the push itself.
 * (JGit's own AppServer needs JUnit 4 on the class path; this is the same Jetty, set up directly.)
 */
public final class HttpGitServer implements AutoCloseable {
    public static final String USER = "agitter";
    private static final String PASSWORD = "letmein";
    private final Server server;
    private final ServerConnector connector;
    /** Holds the stalled pushes of {@code /stall} until the server closes. */
    private final CountDownLatch closing = new CountDownLatch(1);
    /** The User-Agent of every push to {@code /git}, in order: which client pushed. */
    private final java.util.List<String> pushAgents = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Starts on {@code port} (0 for any free one). */
    public HttpGitServer(Path repositories, int port) throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        ServletContextHandler plain = git("/git", repositories);
        plain.addFilter(new FilterHolder((request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if ("POST".equals(http.getMethod()) && http.getRequestURI().endsWith("/git-receive-pack")) {
                pushAgents.add(String.valueOf(http.getHeader("User-Agent")));
            }
            chain.doFilter(request, response);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(plain);
        ServletContextHandler secure = git("/secure", repositories);
        secure.addFilter(new FilterHolder(basicAuth()), "/*", EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(secure);
        ServletContextHandler down = new ServletContextHandler("/down");
        down.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.sendError(503, "Service Unavailable");
            }
        }), "/*");
        contexts.addHandler(down);
        ServletContextHandler stall = git("/stall", repositories);
        stall.addFilter(new FilterHolder(stallPushes()), "/*", EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(stall);
        ServletContextHandler broken = git("/broken", repositories);
        broken.addFilter(new FilterHolder(failPushes()), "/*", EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(broken);
        contexts.addHandler(git("/strict", repositories, db -> {
            ReceivePack rp = new ReceivePack(db);
            rp.setAllowNonFastForwards(false);
            return rp;
        }));
        contexts.addHandler(git("/guarded", repositories, db -> {
            ReceivePack rp = new ReceivePack(db);
            rp.setPreReceiveHook((pack, commands) -> commands.stream()
                    .filter(c -> c.getRefName().startsWith("refs/heads/protected"))
                    .forEach(c -> c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "protected by policy")));
            return rp;
        }));
        ServletContextHandler pushAuth = git("/pushauth", repositories);
        Filter auth = basicAuth();
        pushAuth.addFilter(new FilterHolder((request, response, chain) -> {
            if ("POST".equals(((HttpServletRequest) request).getMethod())) {
                auth.doFilter(request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        contexts.addHandler(pushAuth);
        ServletContextHandler moved = new ServletContextHandler("/moved");
        moved.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                String query = req.getQueryString() == null ? "" : "?" + req.getQueryString();
                resp.setStatus(301);
                resp.setHeader("Location", "/git" + req.getPathInfo() + query);
            }
        }), "/*");
        contexts.addHandler(moved);
        server.setHandler(contexts);
        server.start();
    }

    private static ServletContextHandler git(String path, Path repositories) {
        return git(path, repositories, ReceivePack::new);
    }

    private static ServletContextHandler git(String path, Path repositories,
                                             java.util.function.Function<org.eclipse.jgit.lib.Repository, ReceivePack> receivePack) {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver(new FileResolver<>(repositories.toFile(), true));
        // The default factory refuses anonymous pushes; these tests push as nobody on purpose.
        servlet.setReceivePackFactory((request, db) -> receivePack.apply(db));
        ServletContextHandler context = new ServletContextHandler(path);
        context.addServlet(new ServletHolder(servlet), "/*");
        return context;
    }

    private static Filter basicAuth() {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return (request, response, chain) -> {
            if (expected.equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                chain.doFilter(request, response);
            } else {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                http.sendError(401);
            }
        };
    }

    /** Reads a push's whole request (so the client is left waiting on the answer alone) and never answers. */
    private Filter stallPushes() {
        return (request, response, chain) -> {
            if (!"POST".equals(((HttpServletRequest) request).getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            request.getInputStream().readAllBytes();
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Reads a push's whole request and answers 500, as a server whose storage failed would. */
    private static Filter failPushes() {
        return (request, response, chain) -> {
            if (!"POST".equals(((HttpServletRequest) request).getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            request.getInputStream().readAllBytes();
            ((HttpServletResponse) response).sendError(500, "Internal Server Error");
        };
    }

    /** The User-Agent headers of the pushes {@code /git} received so far. */
    public java.util.List<String> pushAgents() {
        return java.util.List.copyOf(pushAgents);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The URL of repository {@code name} under context {@code context} ("git", "secure", "down"). */
    public String url(String context, String name) {
        return "http://127.0.0.1:" + port() + "/" + context + "/" + name + ".git";
    }

    /** The secure URL with the user and a password written into it, as a token would be. */
    public String urlWithCredentials(String name, String password) {
        return "http://" + USER + ":" + password + "@127.0.0.1:" + port() + "/secure/" + name + ".git";
    }

    public static String password() {
        return PASSWORD;
    }

    /**
     * Serves the directory {@code args[0]} until stdin closes, printing the port on the first line:
     * the benchmark runs the server in a JVM of its own this way, so that client and server costs
     * can be told apart.
     */
    public static void main(String[] args) throws Exception {
        try (HttpGitServer server = new HttpGitServer(Path.of(args[0]), 0)) {
            System.out.println(server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the benchmark closes the pipe.
            }
        }
    }

    @Override
    public void close() throws Exception {
        closing.countDown();
        server.stop();
    }
}
