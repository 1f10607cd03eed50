import ParleyKit
/// Placeholder, replaced by the preview server.
public enum ParleyServerPlaceholder {}
