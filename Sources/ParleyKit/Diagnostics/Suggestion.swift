import ParleyTemplates

/// "Did you mean …": the template engine's, shared by every diagnostic.
typealias Suggestion = ParleyTemplates.Suggestion
