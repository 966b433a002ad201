// Original file: proto/parallax/v1/control.proto


export interface FieldChange {
  /**
   * cron, tz, paused, spec, selector, misfire, catchupMs, overlap, …
   */
  'field'?: (string);
  /**
   * JSON of the value before; "null" for none
   */
  'from'?: (string);
  /**
   * JSON of the value after
   */
  'to'?: (string);
}

export interface FieldChange__Output {
  /**
   * cron, tz, paused, spec, selector, misfire, catchupMs, overlap, …
   */
  'field': (string);
  /**
   * JSON of the value before; "null" for none
   */
  'from': (string);
  /**
   * JSON of the value after
   */
  'to': (string);
}
