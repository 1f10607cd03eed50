import Testing
@testable import ParleyWatch
