/// Placeholder, replaced by the watcher.
public enum ParleyWatchPlaceholder {}
