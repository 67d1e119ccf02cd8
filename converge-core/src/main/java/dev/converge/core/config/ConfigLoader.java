package dev.converge.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.core.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML config file into {@link ConfigNode}s that keep their line and column. */
public final class ConfigLoader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private ConfigLoader() {
    }

    public static ConfigNode load(Path file) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new ConfigNode(file, 1, 1, "", new LinkedHashMap<>(), null, null);
            }
            ConfigNode root = read(parser, file, "");
            if (!root.isMap()) {
                throw root.error("a config file is a mapping of sections (state, files, providers, …)");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String problem = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
            throw new ConfigException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null,
                    "invalid YAML: " + problem);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    private static ConfigNode read(JsonParser p, Path file, String path) throws IOException, ConfigException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, ConfigNode> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (fields.containsKey(key)) {
                        throw new ConfigException(file, keyAt.getLineNr(), keyAt.getColumnNr(), childPath, "duplicate key");
                    }
                    p.nextToken();
                    ConfigNode child = read(p, file, childPath);
                    // Errors about a value point at its key: that is the line a person looks for.
                    fields.put(key, relocate(child, keyAt));
                }
                return new ConfigNode(file, line, col, path, fields, null, null);
            }
            case START_ARRAY -> {
                List<ConfigNode> elements = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(p, file, path + "[" + i++ + "]"));
                }
                return new ConfigNode(file, line, col, path, null, elements, null);
            }
            case VALUE_NULL -> {
                return new ConfigNode(file, line, col, path, null, null, null);
            }
            default -> {
                return new ConfigNode(file, line, col, path, null, null, p.getText());
            }
        }
    }

    private static ConfigNode relocate(ConfigNode n, JsonLocation keyAt) {
        return new ConfigNode(n.file(), keyAt.getLineNr(), keyAt.getColumnNr(), n.path(),
                n.isMap() ? new LinkedHashMap<>(n.fields()) : null, n.isList() ? new ArrayList<>(n.elements()) : null, n.raw());
    }
}
