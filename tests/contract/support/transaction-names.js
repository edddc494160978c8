// Dredd names a transaction "<path> > <summary> > <status> > <media type>" (the API title is
// left out when one spec runs). In these specs errors are problem+json and successes JSON,
// unless a media type is given (null for a response without a body).
function operation(pathAndSummary) {
  return (status, mediaType = status < 300 ? 'application/json' : 'application/problem+json') =>
    [pathAndSummary, status, mediaType].filter((part) => part !== null).join(' > ');
}

module.exports = { operation };
