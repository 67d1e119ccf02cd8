package dev.converge.repos.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * For {@code bench/repos.sh}: a fleet of bare repositories served over loopback smart HTTP by
 * {@link GitHttpServer}, listed by a GitHub-shaped endpoint ({@code GET /git/api/orgs/ORG/repos},
 * pages of {@code per_page} with a {@code Link: rel="next"} header, the fields converge's GitHub
 * provider reads, {@code pushed_at} from the time the branch refs last changed), so converge
 * reaches the fleet as it would reach GitHub and {@code git}, {@code mr} and {@code gita} clone and
 * pull the same URLs.
 *
 * <p>Usage: {@code FleetHttpServer ROOT PORT_FILE}; writes the port once serving and runs until killed.
 */
public final class FleetHttpServer {
    private FleetHttpServer() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        GitHttpServer server = GitHttpServer.start(root, null, 0,
                context -> context.addServlet(new ServletHolder(new Listing(root)), "/api/*"));
        Files.writeString(Path.of(args[1]), server.uri("").getPort() + "\n");
        Thread.currentThread().join();
    }

    /** {@code /api/orgs/ORG/repos}: the repositories under ROOT/ORG, sorted, a page at a time. */
    private static final class Listing extends HttpServlet {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Path root;

        Listing(Path root) {
            this.root = root;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String[] path = req.getPathInfo() == null ? new String[0] : req.getPathInfo().split("/");
            if (path.length != 4 || !path[1].equals("orgs") || !path[3].equals("repos")
                    || !Files.isDirectory(root.resolve(path[2])) || path[2].contains("..")) {
                res.sendError(404, "Not Found");
                return;
            }
            String org = path[2];
            int perPage = intParam(req, "per_page", 30);
            int page = intParam(req, "page", 1);
            List<Path> repos;
            try (Stream<Path> dirs = Files.list(root.resolve(org))) {
                repos = dirs.filter(d -> d.getFileName().toString().endsWith(".git")).sorted().toList();
            }
            String base = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort();
            ArrayNode body = JSON.createArrayNode();
            for (Path repo : repos.subList(Math.min(repos.size(), (page - 1) * perPage), Math.min(repos.size(), page * perPage))) {
                String name = repo.getFileName().toString().replaceFirst("\\.git$", "");
                ObjectNode node = body.addObject();
                node.put("name", name).put("full_name", org + "/" + name).put("private", false)
                        .put("fork", false).put("archived", false).put("disabled", false).put("default_branch", "main")
                        .put("clone_url", base + "/git/" + org + "/" + name + ".git")
                        .put("ssh_url", "git@127.0.0.1:" + org + "/" + name + ".git")
                        .put("pushed_at", pushedAt(repo).toString());
            }
            if (page * perPage < repos.size()) {
                res.setHeader("Link", "<" + base + req.getRequestURI() + "?per_page=" + perPage + "&page=" + (page + 1) + ">; rel=\"next\"");
            }
            res.setContentType("application/json; charset=utf-8");
            res.getOutputStream().write(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        }

        /** When a push last moved a branch: the newest of the loose branch refs and packed-refs. */
        private static Instant pushedAt(Path repo) throws IOException {
            FileTime newest = FileTime.fromMillis(0);
            for (Path p : List.of(repo.resolve("packed-refs"), repo.resolve("refs/heads"))) {
                if (Files.exists(p)) {
                    try (Stream<Path> files = Files.walk(p)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            FileTime t = Files.getLastModifiedTime(f);
                            newest = t.compareTo(newest) > 0 ? t : newest;
                        }
                    }
                }
            }
            return newest.toInstant().truncatedTo(ChronoUnit.SECONDS);
        }

        private static int intParam(HttpServletRequest req, String name, int fallback) {
            try {
                return req.getParameter(name) == null ? fallback : Math.max(1, Integer.parseInt(req.getParameter(name)));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }
}
