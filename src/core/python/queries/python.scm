; The syntax the per-file analyzer looks at. Captures are interpreted in analyze.ts; strings and
; comments never match, so a route inside a docstring is no route. Every capture costs a node
; handed from WebAssembly to JavaScript, so only the nodes analyze.ts reads are captured.

(import_statement name: (dotted_name) @import.module)
(import_statement name: (aliased_import alias: (identifier) @import.alias))
(import_from_statement) @import.from

(decorator) @decorator

(call) @call

(class_definition) @class

(assignment) @assign
(augmented_assignment) @augassign
