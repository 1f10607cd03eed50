import ParleyTemplates

/// "Did you mean …": the template engine's, shared by every diagnostic.
public typealias Suggestion = ParleyTemplates.Suggestion
