using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Migration;

/// <summary>What the loop does after a failed send, decided on Frappe's exception type and the error kind, never on message text.</summary>
public static class OutcomeRules
{
    public static SendDecision Decide(FrappeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            FrappeErrorKind.Duplicate => SendDecision.AdoptExisting,
            FrappeErrorKind.UnknownFate => SendDecision.LookUpThenResend,
            FrappeErrorKind.Transient => SendDecision.RetryLater,

            // A JSON 5xx means Frappe ran the request and rolled its transaction back: sending again cannot duplicate.
            FrappeErrorKind.ServerError when error.HttpStatus is >= 500 && !error.IsProxyPage => SendDecision.RetryLater,
            _ => SendDecision.Fail,
        };
    }

    public static RecordErrorKind KindOf(FrappeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            FrappeErrorKind.DataError or FrappeErrorKind.Duplicate => RecordErrorKind.Data,
            FrappeErrorKind.AuthOrPermission => RecordErrorKind.Permission,
            FrappeErrorKind.NotFound => RecordErrorKind.NotFound,
            FrappeErrorKind.Transient => RecordErrorKind.Transient,
            FrappeErrorKind.UnknownFate => RecordErrorKind.UnknownFate,
            _ => RecordErrorKind.Server,
        };
    }

    public static RecordError ToRecordError(FrappeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Messages.Count > 0 ? string.Join(" · ", error.Messages) : error.Summary;
        return new RecordError(KindOf(error), message, error.HttpStatus, error.ExcType);
    }
}

/// <summary>The loop's answer to a failed send.</summary>
public enum SendDecision
{
    /// <summary>The document exists already (409, or 417 on a unique external id): find it and adopt it.</summary>
    AdoptExisting,

    /// <summary>It may have been created: look it up before sending again.</summary>
    LookUpThenResend,

    /// <summary>Rate limit, deadlock, timeout: wait and send again.</summary>
    RetryLater,

    /// <summary>The data or the setup is wrong: retrying the same body would fail the same way.</summary>
    Fail,
}
