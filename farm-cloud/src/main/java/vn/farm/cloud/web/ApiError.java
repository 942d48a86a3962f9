package vn.farm.cloud.web;

/** The one JSON error shape of the API: {@code field} names the request field at fault, when there is one. */
public record ApiError(int status, String error, String message, String field) {}
