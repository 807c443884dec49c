; The syntax the per-file analyzer looks at. Captures are interpreted in analyze.ts; strings and
; comments never match, so a route inside a docstring is no route.

(import_statement name: (dotted_name) @import.module)
(import_statement name: (aliased_import name: (dotted_name) @import.module alias: (identifier) @import.alias))
(import_from_statement) @import.from

(decorated_definition (decorator) @decorator definition: (_) @decorated)

(call function: (_) @call.function arguments: (argument_list) @call.arguments) @call

(class_definition name: (identifier) @class.name) @class

(assignment left: (_) @assign.left right: (_) @assign.right) @assign
(augmented_assignment left: (_) @augassign.left right: (_) @augassign.right) @augassign

(function_definition name: (identifier) @function.name) @function
