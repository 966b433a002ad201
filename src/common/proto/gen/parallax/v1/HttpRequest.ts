// Original file: proto/parallax/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An HTTP request as a run. ${NAME} in the URL, headers and body is replaced by the run's environment (so a token
 * can come from a variable, masked in the output). The response body is the output.
 */
export interface HttpRequest {
  /**
   * GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS; empty: GET
   */
  'method'?: (string);
  /**
   * http:// or https://
   */
  'url'?: (string);
  'headers'?: ({[key: string]: string});
  'body'?: (string);
  /**
   * codes and ranges, such as "200-299,304"; empty: 200-299
   */
  'successCodes'?: (string);
  /**
   * response bytes kept as output; 0: 64 KiB; at most 1 MiB
   */
  'maxBodyBytes'?: (number | string | Long);
  /**
   * do not verify the server's certificate
   */
  'insecureTls'?: (boolean);
  /**
   * follow up to 5 redirects (as curl -L); a header of the request is not sent on to another origin
   */
  'followRedirects'?: (boolean);
}

/**
 * An HTTP request as a run. ${NAME} in the URL, headers and body is replaced by the run's environment (so a token
 * can come from a variable, masked in the output). The response body is the output.
 */
export interface HttpRequest__Output {
  /**
   * GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS; empty: GET
   */
  'method': (string);
  /**
   * http:// or https://
   */
  'url': (string);
  'headers': ({[key: string]: string});
  'body': (string);
  /**
   * codes and ranges, such as "200-299,304"; empty: 200-299
   */
  'successCodes': (string);
  /**
   * response bytes kept as output; 0: 64 KiB; at most 1 MiB
   */
  'maxBodyBytes': (number);
  /**
   * do not verify the server's certificate
   */
  'insecureTls': (boolean);
  /**
   * follow up to 5 redirects (as curl -L); a header of the request is not sent on to another origin
   */
  'followRedirects': (boolean);
}
