namespace DecentCloud.Application.Releases;

/// <summary>
/// The books refused a release or refund whose escrow row said it was possible: the row and the escrow account disagree,
/// which only a repair by hand resolves. The transaction rolls back; the release job passes the escrow over and goes on.
/// </summary>
internal sealed class BooksRefusedException(string message) : InvalidOperationException(message);
