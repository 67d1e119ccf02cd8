package dev.converge.repos.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The upstream repositories a test makes, as a JUnit extension: each is a bare repository
 * {@code ROOT/NAME.git} with one commit on {@code main}, and all are closed after each test, as are
 * the loopback smart-HTTP servers that serve them.
 */
public final class Upstreams implements AfterEachCallback {
    private final List<Upstream> made = new ArrayList<>();
    private final List<GitHttpServer> servers = new ArrayList<>();

    /** Makes {@code root/name.git}; the fleet's full path for it is {@code name}. */
    public Upstream add(Path root, String name) throws IOException, GitAPIException {
        Upstream upstream = Upstream.create(root.resolve(name + ".git"));
        made.add(upstream);
        return upstream;
    }

    /** Makes one upstream per name under {@code root}, in order. */
    public void addAll(Path root, String... names) throws IOException, GitAPIException {
        for (String name : names) {
            add(root, name);
        }
    }

    /** The {@code index}-th upstream made, in the order they were made. */
    public Upstream get(int index) {
        return made.get(index);
    }

    public int size() {
        return made.size();
    }

    /**
     * Serves every repository under {@code root} over loopback smart HTTP, asking for {@code token}
     * as hosting providers do; stopped after the test.
     */
    public GitHttpServer serve(Path root, String token) throws Exception {
        GitHttpServer server = GitHttpServer.start(root, token);
        servers.add(server);
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (GitHttpServer server : servers) {
            server.close();
        }
        servers.clear();
        made.forEach(Upstream::close);
        made.clear();
    }
}
