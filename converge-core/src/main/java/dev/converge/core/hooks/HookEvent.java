package dev.converge.core.hooks;

/** The moments of a run at which a configured shell command is run. */
public enum HookEvent {
    /** Before anything is written; gets the items the run will touch and may veto the run. */
    PRE_SYNC("pre_sync"),
    /** After the run is recorded; gets the JSON report. */
    POST_SYNC("post_sync"),
    /** After a run with failures; gets one JSON object per failure. */
    ON_ERROR("on_error");

    private final String key;

    HookEvent(String key) {
        this.key = key;
    }

    /** The key under {@code hooks:} in the config, and the value of {@code CONVERGE_HOOK}. */
    public String key() {
        return key;
    }
}
